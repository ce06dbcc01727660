package uk.localgov.reunification.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.casework.Cases;

/**
 * Reg 50(1) of the Care Planning, Placement and Case Review (England) Regulations 2010: a child's
 * case record is kept "until the seventy-fifth anniversary of C's birth". Every process of a case
 * carries that day as its removal time; history cleanup removes a record on its day and not before;
 * records written before the rule are re-dated by an administrator's command.
 */
@ApplicationTest
class RecordsKeptTest {

  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  ManagementService management;
  @Autowired
  IdentityService identity;
  @Autowired
  ReadLog reads;
  @Autowired
  TestRestTemplate http;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  static Date startOf(String day) {
    return Date.from(LocalDate.parse(day).atStartOfDay(CaseCalendar.ENGLAND).toInstant());
  }

  String child(String prefix) {
    return prefix + System.nanoTime() % 1_000_000;
  }

  void complete(String childId, String taskKey, Map<String, Object> variables) {
    uk.localgov.reunification.CaseWork.complete(tasks, childId, taskKey, variables);
  }

  void runJobs(String childId, String activityId) {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
        management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list()
            .forEach(job -> management.executeJob(job.getId())));
  }

  /**
   * A case that ran every kind of process there is: an unplanned return with its overdue review
   * chased, a refused ratification and a revised plan, ratified, visited, supported, a concern
   * reported by its social worker, then the child's return to care.
   */
  String aWholeCase(String dateOfBirth) {
    String childId = child("KEPT-");
    ClockUtil.setCurrentTime(startOf("2026-03-02"));
    runtime.startProcessInstanceByKey("unplannedReturn", childId, Cases.with(Cases.careOrderChild(childId),
        "dateOfBirth", dateOfBirth, "legalStatus", "SECTION_20", "returnDate", "2026-03-02",
        "returnReason", "PLACEMENT_BREAKDOWN"));
    complete(childId, "completeReturnPlan", Map.of("returnPlan", "Outreach daily"));
    ClockUtil.setCurrentTime(startOf("2026-03-25"));
    runJobs(childId, "Timer_ReviewOverdue");
    complete(childId, "returnReview", Map.of("reviewNotes", "Held late"));
    Map<String, Object> refused = Map.of("ratificationDecision", "NOT_RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true,
        "ratificationReasons", "Nobody supports the parent in the evenings");
    complete(childId, "ratifyDecision", refused);
    complete(childId, "decideNextSteps", Map.of("nextSteps", "REVISE_AND_RESUBMIT", "nextStepsNotes", "Evening routine"));
    complete(childId, "revisePlan", Map.of("returnPlan", "Outreach daily; evenings with aunt", "planChangeReason",
        "Head of Service asked for evenings"));
    complete(childId, "ratifyDecision", Map.of("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    complete(childId, "firstHomeVisit", Map.of("visitDate", "2026-03-10", "childWishesAndFeelings", "Happy",
        "parentView", "Fine", "welfareSafeguarded", true, "childSeenAlone", true));
    runJobs(childId, "CallActivity_OngoingSupport");
    identity.setAuthentication("socialworker1", List.of("socialworkers", "teamnorth"));
    try {
      runtime.startProcessInstanceByKey("reportCaseEvent", Map.of("childId", childId, "caseEvent", "WelfareConcernRaised",
          "eventDetails", "Missed school twice"));
    } finally {
      identity.clearAuthentication();
    }
    runJobs(childId, "ServiceTask_OpenRaisedConcern");
    complete(childId, "reviewWelfareConcern", Map.of("concernOutcome", "NO_FURTHER_ACTION",
        "escalateToServiceManager", false, "managerNotes", "School and family agree a plan"));
    runtime.createMessageCorrelation("ChildReturnedToCare").processInstanceBusinessKey(childId).correlate();
    return childId;
  }

  @Test
  void everyProcessOfACaseIsKeptUntilTheChildsSeventyFifthBirthday() {
    String childId = aWholeCase("2014-05-05");

    List<HistoricProcessInstance> record = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).list();
    assertThat(record).extracting(HistoricProcessInstance::getProcessDefinitionKey).contains("unplannedReturn",
        "overdueChase", "ratification", "planRevision", "ongoingSupport", "reportCaseEvent", "welfareConcern");
    assertThat(record).allSatisfy(process -> {
      assertThat(process.getEndTime()).as(process.getProcessDefinitionKey() + " ended").isNotNull();
      assertThat(process.getRemovalTime()).as(process.getProcessDefinitionKey()).isEqualTo(startOf("2089-05-05"));
    });
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(childId).list())
        .allSatisfy(task -> assertThat(task.getRemovalTime()).isEqualTo(startOf("2089-05-05")));
    assertThat(record.stream().flatMap(process -> history.createHistoricDecisionInstanceQuery()
        .processInstanceId(process.getId()).list().stream()).toList())
        .isNotEmpty().allSatisfy(decision -> assertThat(decision.getRemovalTime()).isEqualTo(startOf("2089-05-05")));
  }

  @Test
  void historyCleanupRemovesARecordOnItsDayAndKeepsOneNotYetDue() {
    String seventeen = aWholeCase("2009-01-01");
    String eleven = aWholeCase("2015-01-01");
    reads.add(seventeen, "socialworker1", startOf("2026-04-01"), "task query", "engine REST", startOf("2084-01-01"), null);
    reads.add(eleven, "socialworker1", startOf("2026-04-01"), "task query", "engine REST", startOf("2090-01-01"), null);

    ClockUtil.setCurrentTime(startOf("2083-12-31"));
    cleanUp();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(seventeen).count())
        .as("the day before the 75th birthday: kept").isPositive();

    ClockUtil.setCurrentTime(startOf("2084-01-02"));
    cleanUp();
    reads.removeExpired();

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(seventeen).count()).isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(seventeen).count()).isZero();
    assertThat(reads.of(seventeen)).as("its reads go with it").isEmpty();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(eleven).count()).isPositive();
    assertThat(reads.of(eleven)).hasSize(1);
  }

  @Test
  void anAdministratorReDatesRecordsWrittenBeforeTheRule() {
    String childId = aWholeCase("2012-08-08");
    List<String> ids = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).rootProcessInstances()
        .list().stream().map(HistoricProcessInstance::getId).toList();
    // as Camunda's own rule left it: ten years after the end
    runBatch(history.setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(startOf("2036-03-25"))
        .byIds(ids.toArray(String[]::new)).hierarchical().executeAsync().getId());
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).list())
        .allSatisfy(process -> assertThat(process.getRemovalTime()).isEqualTo(startOf("2036-03-25")));

    ResponseEntity<String> refused = http.withBasicAuth("socialworker1", "socialworker1")
        .postForEntity("/api/retention/redating?childId=" + childId, null, String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> answer = http.withBasicAuth("admin", "admin")
        .postForEntity("/api/retention/redating?childId=" + childId, null, Map.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).containsEntry("children", 1).containsEntry("processes", ids.size());
    ((List<?>) answer.getBody().get("batches")).forEach(batch -> runBatch((String) batch));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).list())
        .allSatisfy(process -> assertThat(process.getRemovalTime()).isEqualTo(startOf("2087-08-08")));
  }

  private void cleanUp() {
    Job cleanup = history.cleanUpHistoryAsync(true);
    management.executeJob(cleanup.getId());
  }

  private void runBatch(String batchId) {
    Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
    for (String definition : new String[] {batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
        batch.getMonitorJobDefinitionId()}) {
      for (int round = 0; round < 20; round++) {
        List<Job> jobs = management.createJobQuery().jobDefinitionId(definition).list();
        if (jobs.isEmpty()) {
          break;
        }
        jobs.forEach(job -> management.executeJob(job.getId()));
      }
    }
  }
}
