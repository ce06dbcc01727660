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
      var job = jobs.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
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
