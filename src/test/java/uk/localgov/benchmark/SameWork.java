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
 * bare-engine case of the project's shape (the same user tasks and called processes: the case at
 * home called from the return's start, as the project's {@code childAtHome} is, holding the first
 * home visit, its first-visit decision and ongoing support; the ratification called from the
 * return; their timers, the asynchronous start of support and of closure, the research-factor and
 * support-intensity decisions after the plan) that writes, step by step, the same variables with
 * the same values, in the same processes, under full history. What the project's return passes
 * its case at home within a step (the plan written, the return ratified), the bare return passes
 * by a message after the step. The variables are not guessed: one
 * project case is recorded from its history ({@link #record}), step by step and process by
 * process, and every bare case replays that recording. What the bare side does not do is what the
 * project adds: its listeners and completion checks, its grants and authorization checks, its
 * user operation log (no one is authenticated).
 */
final class SameWork {

  /** The life of the case at home, which the return calls from its start (the project's {@code childAtHome}). */
  static final String AT_HOME = "childAtHome";

  /** The steps of the benchmark's project case, in order. */
  static final List<String> STEPS = List.of("start", "completeReturnPlan", "firstHomeVisit", "returnReview",
      "ratifyDecision", "supportJob", "allocateCinCoordinator", "supportReview");
  /** Which bare process owns the task of each step (and whose variables its completion writes). */
  static final Map<String, String> OWNER = Map.of("start", ROOT(), "completeReturnPlan", ROOT(), "firstHomeVisit", AT_HOME,
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
  /** Per step of the return's: what it writes to the case at home, by message. */
  final Map<String, Map<String, TypedValue>> toAtHome = new LinkedHashMap<>();

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
    // the case at home starts with the return; ratification starts when the review is completed,
    // support (called from the case at home) when its job runs
    Set<String> atHomeIn = new java.util.LinkedHashSet<>(recording.at(0, AT_HOME).keySet());
    atHomeIn.removeAll(WRITTEN_BY_ENGINE);
    Set<String> ratificationIn = recording.at(review, "ratification").keySet();
    Set<String> ratificationOut = recording.at(ratify, ROOT()).keySet();
    Set<String> supportIn = recording.at(job, "ongoingSupport").keySet();
    Set<String> supportOut = recording.at(supportReview, AT_HOME).keySet();
    // what the return's own steps write to the case at home (the plan written, the return ratified),
    // which the project's return passes it in the same step: here a message to it carries them
    for (int i = 1; i < STEPS.size(); i++) {
      String step = STEPS.get(i);
      if (ROOT().equals(OWNER.get(step)) || "ratification".equals(OWNER.get(step))) {
        Map<String, TypedValue> written = new LinkedHashMap<>(recording.at(i, AT_HOME));
        if (!written.isEmpty()) {
          toAtHome.put(step, written);
        }
      }
    }
    // what support takes in that the case at home would not hold: given to it at its start
    Set<String> atHomeHolds = new java.util.HashSet<>(atHomeIn);
    for (int i = 0; i <= job; i++) {
      atHomeHolds.addAll(recording.at(i, AT_HOME).keySet());
    }
    supportIn.stream().filter(name -> !atHomeHolds.contains(name)).forEach(atHomeIn::add);
    provide(atHomeIn, 0, AT_HOME);
    provide(ratificationIn, review, "ratification");
    // what a called process hands back, it must hold
    ratificationOut.forEach(name -> passed.get(ratify).putIfAbsent(name, recording.at(ratify, ROOT()).get(name)));
    supportOut.forEach(name -> passed.get(supportReview).putIfAbsent(name, recording.at(supportReview, AT_HOME).get(name)));

    BpmnModelInstance root = Bpmn.createExecutableProcess("sameWorkCase").camundaHistoryTimeToLive(3650)
        .startEvent()
        .parallelGateway("childWentHome")
        .callActivity("childAtHome").calledElement("sameWorkAtHome").endEvent("caseEnded")
        .moveToNode("childWentHome")
        .userTask("completeReturnPlan").camundaAssignee("worker")
        .boundaryEvent("planDue").cancelActivity(false).timerWithDuration("P1D").endEvent()
        .moveToActivity("completeReturnPlan")
        .businessRuleTask("weighFactors").camundaDecisionRef("reunificationFactors").camundaMapDecisionResult("resultList")
        .businessRuleTask("weighIntensity").camundaDecisionRef("supportIntensity").camundaMapDecisionResult("singleEntry")
        .userTask("returnReview").camundaAssignee("iro")
        .boundaryEvent("reviewDue").cancelActivity(false).timerWithDuration("P20D").endEvent()
        .moveToActivity("returnReview").callActivity("ratification").calledElement("sameWorkRatification")
        .endEvent("returnDecided")
        .done();
    mappings(root.getModelElementById("childAtHome"), atHomeIn, Set.of());
    mappings(root.getModelElementById("ratification"), ratificationIn, ratificationOut);
    var atHomeBuilder = Bpmn.createExecutableProcess("sameWorkAtHome").camundaHistoryTimeToLive(3650)
        .startEvent()
        .parallelGateway("atHome")
        .businessRuleTask("decideFirstVisit").camundaDecisionRef("firstVisit").camundaResultVariable("firstVisitDecision")
        .camundaMapDecisionResult("singleResult")
        .userTask("firstHomeVisit").camundaAssignee("worker")
        .boundaryEvent("visitDue").cancelActivity(false).timerWithDuration("P7D").endEvent()
        .moveToActivity("firstHomeVisit")
        .parallelGateway("supportBegins")
        .callActivity("ongoingSupport").calledElement("sameWorkSupport").camundaAsyncBefore()
        // the case's closure, which starts asynchronously once support has ended
        .serviceTask("closeCase").camundaExpression("${true}").camundaAsyncBefore()
        .endEvent()
        .moveToNode("atHome");
    // the return's messages, in the order its steps send them
    for (String step : toAtHome.keySet()) {
      atHomeBuilder = atHomeBuilder.intermediateCatchEvent("heard-" + step).message("sameWork-" + step);
    }
    BpmnModelInstance atHome = atHomeBuilder.connectTo("supportBegins").done();
    mappings(atHome.getModelElementById("ongoingSupport"), supportIn, supportOut);
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
        .addModelInstance("same-work-at-home.bpmn", atHome)
        .addModelInstance("same-work-ratification.bpmn", ratification)
        .addModelInstance("same-work-support.bpmn", support)
        .addString("first-visit.dmn", read(processes.resolve("first-visit.dmn")))
        .addString("reunification-factors.dmn", read(processes.resolve("reunification-factors.dmn")))
        .deploy();
  }

  /**
   * Names a called process takes in that the return holds by none of its steps up to the given
   * one: the return gets them at its start, with the value the called process was given.
   */
  private void provide(Set<String> names, int atStep, String calledProcess) {
    Set<String> held = new java.util.HashSet<>();
    for (int i = 0; i <= atStep; i++) {
      held.addAll(recording.at(i, ROOT()).keySet());
    }
    for (String name : names) {
      if (!held.contains(name) && !passed.get(0).containsKey(name)) {
        TypedValue value = null;
        for (String process : List.of(calledProcess, AT_HOME, "ongoingSupport", "ratification")) {
          for (int i = 0; i < STEPS.size() && value == null; i++) {
            value = recording.at(i, process).get(name);
          }
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
        String atHome = runtime.createProcessInstanceQuery().superProcessInstanceId(root)
            .processDefinitionKey("sameWorkAtHome").singleResult().getId();
        for (Job job : engine.getManagementService().createJobQuery().processInstanceId(atHome).messages().list()) {
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
      if (toAtHome.containsKey(step)) {
        VariableMap written = Variables.createVariables();
        toAtHome.get(step).forEach(written::putValueTyped);
        // only the case at home waits for it
        runtime.createMessageCorrelation("sameWork-" + step).processInstanceBusinessKey(childId).setVariables(written)
            .correlate();
      }
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
