package uk.localgov.reunification.casework;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** What every process test needs: the engine's services, a clock to move, and a case's history. */
abstract class ProcessTest {

  static final ZoneId ENGLAND = ZoneId.of("Europe/London");

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;

  int caseNumber;

  @BeforeEach
  void initAssertions() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  /** A case reference no other test uses. */
  /** A case reference no other case of this run has: the clock's last digits alone repeat (it ticks coarsely on some machines). */
  String newChildId(String prefix) {
    return prefix + (++caseNumber) + "-" + CASES_STARTED.incrementAndGet() + "-" + System.nanoTime() % 1000;
  }

  private static final java.util.concurrent.atomic.AtomicLong CASES_STARTED = new java.util.concurrent.atomic.AtomicLong();

  /** The process of the given key that serves the same child as this one. */
  ProcessInstance sub(String key, ProcessInstance instance) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(key)
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
  }

  /**
   * The instance and every process it called, running: a case is its return and the processes the
   * return called (childAtHome, support, closure...), and a task of the case is in one of them.
   */
  java.util.List<String> caseInstances(ProcessInstance instance) {
    java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of(instance.getId()));
    for (int i = 0; i < ids.size(); i++) {
      runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list().forEach(called -> ids.add(called.getId()));
    }
    return ids;
  }

  /** The open task of this key in the case, wherever the case's diagrams draw it. */
  org.camunda.bpm.engine.task.Task task(String taskKey, ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceIdIn(caseInstances(instance).toArray(String[]::new))
        .taskDefinitionKey(taskKey).singleResult();
  }

  /** The open task of the case that the declaration names. */
  org.camunda.bpm.engine.task.Task task(CaseTask declared, ProcessInstance instance) {
    return task(declared.key(), instance);
  }

  /** The job waiting at this activity of the case, wherever the case's diagrams draw it. */
  org.camunda.bpm.engine.runtime.Job job(String activityId, ProcessInstance instance) {
    return caseInstances(instance).stream().map(id -> engine.getManagementService().createJobQuery().processInstanceId(id)
        .activityId(activityId).singleResult()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  /**
   * A variable of the case: what its life at home (childAtHome) recorded, or else what the return
   * holds (an order made at home changes the legal status there).
   */
  Object caseVariable(ProcessInstance instance, String name) {
    var atHome = runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey("childAtHome").singleResult();
    Object value = atHome == null ? null : runtime.getVariable(atHome.getId(), name);
    return value != null ? value : runtime.getVariable(instance.getId(), name);
  }

  /** The case's tasks, open or done in any of its processes. */
  org.camunda.bpm.engine.task.TaskQuery caseTasks(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceIdIn(caseInstances(instance).toArray(String[]::new));
  }

  /** The case's jobs waiting at this activity, in any of its processes. */
  long caseJobs(ProcessInstance instance, String activityId) {
    return caseInstances(instance).stream().mapToLong(id -> engine.getManagementService().createJobQuery()
        .processInstanceId(id).activityId(activityId).count()).sum();
  }

  /** Assertions on the whole case: the instance and every process it called. */
  CaseAssert assertThatCase(ProcessInstance instance) {
    return new CaseAssert(engine, instance);
  }

  /** The life at home (childAtHome) the return called, running or ended. */
  ProcessInstance atHome(ProcessInstance returnInstance) {
    var called = history.createHistoricProcessInstanceQuery().superProcessInstanceId(returnInstance.getId())
        .processDefinitionKey("childAtHome").singleResult();
    return called == null ? null : new CalledInstance(called);
  }

  /** An instance history knows, for the assertions that take a running one. */
  private record CalledInstance(org.camunda.bpm.engine.history.HistoricProcessInstance called) implements ProcessInstance {
    public String getId() { return called.getId(); }
    public String getProcessInstanceId() { return called.getId(); }
    public String getBusinessKey() { return called.getBusinessKey(); }
    public String getProcessDefinitionId() { return called.getProcessDefinitionId(); }
    public String getRootProcessInstanceId() { return called.getRootProcessInstanceId(); }
    public String getCaseInstanceId() { return called.getCaseInstanceId(); }
    public String getTenantId() { return called.getTenantId(); }
    public boolean isSuspended() { return false; }
    public boolean isEnded() { return called.getEndTime() != null; }
    public String getProcessDefinitionKey() { return called.getProcessDefinitionKey(); }
  }

  /** How the case ended, as history keeps it for reporting. */
  Object outcome(ProcessInstance instance) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("outcome").singleResult().getValue();
  }

  /**
   * Reg 39(2): a case that ends with the child at home closes once its social worker records the
   * closure and the child's view and the line manager signs it off; then its follow-up begins.
   */
  void closeCase(ProcessInstance instance) {
    runAsync(instance, "CallActivity_CloseCase", "CallActivity_CloseCaseAfterWithdrawal");
    ProcessInstance closure = sub("caseClosure", instance);
    org.camunda.bpm.engine.task.Task record = tasks.createTaskQuery().processInstanceId(closure.getId())
        .taskDefinitionKey("recordCaseClosure").singleResult();
    tasks.complete(record.getId(), Cases.vars("closingSummary", "Settled at home; universal services in place",
        "childViewOnClosure", "Happy to be home and glad the visits are ending"));
    org.camunda.bpm.engine.task.Task signOff = tasks.createTaskQuery().processInstanceId(closure.getId())
        .taskDefinitionKey("signOffClosure").singleResult();
    tasks.complete(signOff.getId(), Cases.vars("closureSignedOff", true, "signOffNotes", "Agreed: the child is safe at home"));
    runAsync(instance, "ServiceTask_BeginFollowUp", "ServiceTask_BeginFollowUpAfterWithdrawal");
  }

  /** Runs the job waiting before whichever of these activities the case is at. */
  void runAsync(ProcessInstance instance, String... activityIds) {
    var jobs = engine.getManagementService();
    for (String activityId : activityIds) {
      var job = job(activityId, instance);
      if (job != null) {
        jobs.executeJob(job.getId());
      }
    }
  }

  static Date at(int year, int month, int day, int hour, int minute) {
    return at(year, month, day, hour, minute, 0);
  }

  static Date at(int year, int month, int day, int hour, int minute, int second) {
    return Date.from(LocalDateTime.of(year, month, day, hour, minute, second).atZone(ENGLAND).toInstant());
  }
}
