package uk.localgov.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;

/**
 * The engine doing the same work as the project, as the limit the project is measured against: a
 * bare-engine case of the project's shape (the same user tasks and called processes, their timers,
 * the asynchronous start of support and of closure, the first-visit decision in the model and the
 * research-factor and support-intensity decisions after the plan) that writes, step by step, the
 * same variables with the same values under full history. The variables are not guessed: one
 * project case is recorded from its history ({@link #record}), step by step and process by
 * process, and every bare case replays that recording. What the bare side does not do is what the
 * project adds: its listeners and completion checks, its grants and authorization checks, its
 * user operation log (no one is authenticated).
 */
final class SameWork {

  /** The steps of the benchmark's project case, in order. */
  static final List<String> STEPS = List.of("start", "completeReturnPlan", "firstHomeVisit", "returnReview",
      "ratifyDecision", "supportJob", "allocateCinCoordinator", "supportReview");
  /** Which bare process owns the task of each step (and whose variables its completion writes). */
  static final Map<String, String> OWNER = Map.of("start", ROOT(), "completeReturnPlan", ROOT(), "firstHomeVisit", ROOT(),
      "returnReview", ROOT(), "ratifyDecision", "ratification", "supportJob", "ongoingSupport",
      "allocateCinCoordinator", "ongoingSupport", "supportReview", "ongoingSupport");
  /** Variables the bare engine writes itself (the decision in the model), not passed by the replay. */
  static final Set<String> WRITTEN_BY_ENGINE = Set.of("firstVisitDecision");

  static String ROOT() {
    return "unplannedReturn";
  }

  /** What one project case wrote: per step, per process key, each variable write in order. */
  record Recording(List<Map<String, Map<String, TypedValue>>> writes, int detailRows) {
    Map<String, TypedValue> at(int step, String processKey) {
      return writes.get(step).getOrDefault(processKey, Map.of());
    }
  }

  /** Reads one project case's variable writes from its history, after each step. */
  static final class Recorder {
    final ProcessEngine engine;
    final Set<String> seen = new LinkedHashSet<>();
    final List<Map<String, Map<String, TypedValue>>> writes = new ArrayList<>();
    int detailRows;

    Recorder(ProcessEngine engine) {
      this.engine = engine;
    }

    void step(String businessKey) {
      Map<String, String> keyOf = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(businessKey).list().stream()
          .collect(Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getProcessDefinitionKey));
      Map<String, Map<String, TypedValue>> step = new LinkedHashMap<>();
      List<HistoricDetail> details = engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
          .processInstanceIdIn(keyOf.keySet().toArray(String[]::new)).orderByTime().asc().list();
      for (HistoricDetail detail : details) {
        if (seen.add(detail.getId())) {
          detailRows++;
          HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
          step.computeIfAbsent(keyOf.get(detail.getProcessInstanceId()), k -> new LinkedHashMap<>())
              .put(update.getVariableName(), update.getTypedValue());
        }
      }
      writes.add(step);
    }

    Recording done() {
      if (writes.size() != STEPS.size()) {
        throw new IllegalStateException("recorded " + writes.size() + " steps, expected " + STEPS.size());
      }
      return new Recording(writes, detailRows);
    }
  }

  final ProcessEngine engine;
  final Recording recording;
  /** Per step: what the task's completion (or the start) passes. */
  final List<VariableMap> passed = new ArrayList<>();

  /**
   * Builds and deploys the bare model from the recording: a called process's variables at its
   * start become its in-mappings (the parent is given any it does not hold), and the parent's
   * writes at the step a called process ends become its out-mappings.
   */
  SameWork(ProcessEngine engine, Recording recording, Path processes) {
    this.engine = engine;
    this.recording = recording;
    for (int i = 0; i < STEPS.size(); i++) {
      VariableMap variables = Variables.createVariables();
      recording.at(i, OWNER.get(STEPS.get(i))).forEach((name, value) -> {
        if (!WRITTEN_BY_ENGINE.contains(name)) {
          variables.putValueTyped(name, value);
        }
      });
      passed.add(variables);
    }
    int review = STEPS.indexOf("returnReview");
    int ratify = STEPS.indexOf("ratifyDecision");
    int job = STEPS.indexOf("supportJob");
    int supportReview = STEPS.indexOf("supportReview");
    // ratification starts when the review is completed, support when its job runs
    Set<String> ratificationIn = recording.at(review, "ratification").keySet();
    Set<String> ratificationOut = recording.at(ratify, ROOT()).keySet();
    Set<String> supportIn = recording.at(job, "ongoingSupport").keySet();
    Set<String> supportOut = recording.at(supportReview, ROOT()).keySet();
    provide(ratificationIn, review);
    provide(supportIn, review);
    // what a called process hands back, it must hold
    ratificationOut.forEach(name -> passed.get(ratify).putIfAbsent(name, recording.at(ratify, ROOT()).get(name)));
    supportOut.forEach(name -> passed.get(supportReview).putIfAbsent(name, recording.at(supportReview, ROOT()).get(name)));

    BpmnModelInstance root = Bpmn.createExecutableProcess("sameWorkCase").camundaHistoryTimeToLive(3650)
        .startEvent()
        .businessRuleTask("decideFirstVisit").camundaDecisionRef("firstVisit").camundaResultVariable("firstVisitDecision")
        .camundaMapDecisionResult("singleResult")
        .userTask("completeReturnPlan").camundaAssignee("worker")
        .boundaryEvent("planDue").cancelActivity(false).timerWithDuration("P1D").endEvent()
        .moveToActivity("completeReturnPlan")
        .businessRuleTask("weighFactors").camundaDecisionRef("reunificationFactors").camundaMapDecisionResult("resultList")
        .businessRuleTask("weighIntensity").camundaDecisionRef("supportIntensity").camundaMapDecisionResult("singleEntry")
        .userTask("firstHomeVisit").camundaAssignee("worker")
        .boundaryEvent("visitDue").cancelActivity(false).timerWithDuration("P7D").endEvent()
        .moveToActivity("firstHomeVisit").userTask("returnReview").camundaAssignee("iro")
        .boundaryEvent("reviewDue").cancelActivity(false).timerWithDuration("P20D").endEvent()
        .moveToActivity("returnReview").callActivity("ratification").calledElement("sameWorkRatification")
        .callActivity("ongoingSupport").calledElement("sameWorkSupport").camundaAsyncBefore()
        // the case's closure, which starts asynchronously once support has ended
        .serviceTask("closeCase").camundaExpression("${true}").camundaAsyncBefore()
        .endEvent()
        .done();
    mappings(root.getModelElementById("ratification"), ratificationIn, ratificationOut);
    mappings(root.getModelElementById("ongoingSupport"), supportIn, supportOut);
    BpmnModelInstance ratification = Bpmn.createExecutableProcess("sameWorkRatification").camundaHistoryTimeToLive(3650)
        .startEvent()
        .userTask("ratifyDecision").camundaCandidateGroups("headofservice")
        .boundaryEvent("ratificationDue").cancelActivity(false).timerWithDuration("P5D").endEvent()
        .moveToActivity("ratifyDecision").endEvent()
        .done();
    BpmnModelInstance support = Bpmn.createExecutableProcess("sameWorkSupport").camundaHistoryTimeToLive(3650)
        .startEvent()
        .userTask("allocateCinCoordinator").camundaAssignee("iro")
        .parallelGateway("begins")
        .userTask("supportReview").camundaAssignee("coordinator")
        .boundaryEvent("supportReviewDue").cancelActivity(false).timerWithDuration("P42D").endEvent()
        .moveToActivity("supportReview").endEvent("reviewed")
        .moveToNode("begins").userTask("recordWeeklyProgress").camundaAssignee("worker")
        .boundaryEvent("progressDue").cancelActivity(false).timerWithDuration("P7D").endEvent()
        .moveToActivity("recordWeeklyProgress").endEvent()
        .done();
    // support ends when its review does, the weekly progress task with it (as the project's does)
    org.camunda.bpm.model.bpmn.instance.EndEvent reviewed = support.getModelElementById("reviewed");
    reviewed.getEventDefinitions().add(support.newInstance(org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition.class));
    engine.getRepositoryService().createDeployment().name("same-work")
        .addModelInstance("same-work-case.bpmn", root)
        .addModelInstance("same-work-ratification.bpmn", ratification)
        .addModelInstance("same-work-support.bpmn", support)
        .addString("first-visit.dmn", read(processes.resolve("first-visit.dmn")))
        .addString("reunification-factors.dmn", read(processes.resolve("reunification-factors.dmn")))
        .deploy();
  }

  /** Names a called process takes in that no earlier step gave the parent: the parent gets them at the given step. */
  private void provide(Set<String> names, int atStep) {
    Set<String> held = new java.util.HashSet<>();
    for (int i = 0; i <= atStep; i++) {
      held.addAll(recording.at(i, ROOT()).keySet());
    }
    for (String name : names) {
      if (!held.contains(name)) {
        TypedValue value = recording.at(STEPS.indexOf("returnReview"), "ratification").get(name);
        if (value == null) {
          value = recording.at(STEPS.indexOf("supportJob"), "ongoingSupport").get(name);
        }
        passed.get(0).putValueTyped(name, value);
      }
    }
  }

  private static void mappings(CallActivity call, Set<String> in, Set<String> out) {
    ExtensionElements extensions = call.getExtensionElements();
    if (extensions == null) {
      extensions = call.getModelInstance().newInstance(ExtensionElements.class);
      call.setExtensionElements(extensions);
    }
    CamundaIn businessKey = extensions.addExtensionElement(CamundaIn.class);
    businessKey.setCamundaBusinessKey("#{execution.processBusinessKey}");
    for (String name : in) {
      CamundaIn mapping = extensions.addExtensionElement(CamundaIn.class);
      mapping.setCamundaSource(name);
      mapping.setCamundaTarget(name);
    }
    for (String name : out) {
      CamundaOut mapping = extensions.addExtensionElement(CamundaOut.class);
      mapping.setCamundaSource(name);
      mapping.setCamundaTarget(name);
    }
  }

  private static String read(Path path) {
    try {
      return java.nio.file.Files.readString(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The inputs the project hands its two decisions after the plan, as transient variables (never stored). */
  static VariableMap decisionInputs(VariableMap stored) {
    VariableMap inputs = Variables.createVariables();
    if (!stored.containsKey("factorsPresent")) {
      inputs.putValueTyped("factorsPresent", Variables.objectValue(List.of(), true).create());
    }
    inputs.putValueTyped("riskScore", Variables.integerValue(0, true));
    inputs.putValueTyped("additionalHelpNeeded", Variables.booleanValue(false, true));
    return inputs;
  }

  /** One whole case, step by step as the recording says. */
  void fullCase(String childId) {
    var runtime = engine.getRuntimeService();
    var tasks = engine.getTaskService();
    String root = runtime.startProcessInstanceByKey("sameWorkCase", childId, passed.get(0)).getId();
    for (int i = 1; i < STEPS.size(); i++) {
      String step = STEPS.get(i);
      if (step.equals("supportJob")) {
        for (Job job : engine.getManagementService().createJobQuery().processInstanceId(root).messages().list()) {
          engine.getManagementService().executeJob(job.getId());
        }
        continue;
      }
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey(step).singleResult();
      VariableMap variables = Variables.createVariables();
      variables.putAll(passed.get(i));
      if (step.equals("completeReturnPlan")) {
        variables.putAll(decisionInputs(passed.get(i)));
      }
      tasks.complete(task.getId(), variables);
    }
  }

  /** The variable writes (history detail rows) of one recorded project case. */
  int recordedDetailRows() {
    return recording.detailRows();
  }

  static Map<String, Integer> summary(Recording recording) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < STEPS.size(); i++) {
      int count = recording.writes().get(i).values().stream().mapToInt(Map::size).sum();
      counts.put(STEPS.get(i), count);
    }
    return counts;
  }
}
