package uk.localgov.reunification.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.Cases;

/**
 * Contract (who changes a case): nobody but an administrator moves, edits or deletes a case behind
 * its steps, not even the people of the case or the case-record system, whatever Camunda's own
 * permissions would let them do; the case-record system still sends the events of a case, and
 * administrators still migrate cases and repair incidents.
 */
@ApplicationTest
class CaseChangesOnlyThroughItsStepsTest {

  /** The people of a case (they can read it, so a refusal is not a "not found") and the case-record system. */
  static final List<String> EVERYONE_BUT_AN_ADMINISTRATOR = List.of("socialworker1", "linemanager1", "caserecords");
  static final String REFUSAL = "Only an administrator (camunda-admin) may";

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  ManagementService jobs;
  @Autowired
  RepositoryService repository;

  /** A request on Camunda's REST API. */
  record Request(HttpMethod method, String path, Object body) {
  }

  /** Where an unplanned return of socialworker1 stands when the first home visit is due. */
  record TheCase(String childId, String instanceId, String definitionId, String visitTaskId,
      String visitExecutionId, String visitTimerJobId, String commentId, String atHomeId) {
  }

  /**
   * One way of changing a case without its steps; {@code ended} when it is a case that has ended;
   * {@code findsTheTaskFirst} when Camunda's REST resource looks the task up before the engine is
   * asked, so that whoever cannot read the task (the case-record system) is told it is not found.
   */
  record Change(String what, boolean ended, boolean findsTheTaskFirst, Function<TheCase, Request> request) {
    @Override
    public String toString() {
      return what;
    }

    boolean triedBy(String user) {
      return !(findsTheTaskFirst && user.equals("caserecords"));
    }
  }

  static Change onTheLiveCase(String what, Function<TheCase, Request> request) {
    return new Change(what, false, false, request);
  }

  static Change onTheEndedCase(String what, Function<TheCase, Request> request) {
    return new Change(what, true, false, request);
  }

  static Change onTheLiveCaseByItsTask(String what, Function<TheCase, Request> request) {
    return new Change(what, false, true, request);
  }

  static Map<String, Object> text(String value) {
    return Map.of("value", value, "type", "String");
  }

  static final List<Change> CHANGES_BEHIND_ITS_STEPS = List.of(
      onTheLiveCase("modify it past its steps (straight to support, skipping the review and ratification)",
          c -> new Request(HttpMethod.POST, "/engine-rest/process-instance/" + c.instanceId() + "/modification",
              Map.of("instructions", List.of(Map.of("type", "cancel", "activityId", "completeReturnPlan"),
                  Map.of("type", "startBeforeActivity", "activityId", "CallActivity_OngoingSupport"))))),
      onTheEndedCase("restart it after it ended",
          c -> new Request(HttpMethod.POST, "/engine-rest/process-definition/" + c.definitionId() + "/restart",
              Map.of("processInstanceIds", List.of(c.instanceId()),
                  "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "completeReturnPlan"))))),
      onTheLiveCase("suspend it",
          c -> new Request(HttpMethod.PUT, "/engine-rest/process-instance/" + c.instanceId() + "/suspended",
              Map.of("suspended", true))),
      onTheLiveCase("delete it",
          c -> new Request(HttpMethod.DELETE, "/engine-rest/process-instance/" + c.instanceId(), null)),
      onTheLiveCase("write a variable of it",
          c -> new Request(HttpMethod.PUT, "/engine-rest/process-instance/" + c.instanceId() + "/variables/socialWorker",
              text("socialworker2"))),
      onTheLiveCase("delete a variable of it",
          c -> new Request(HttpMethod.DELETE, "/engine-rest/process-instance/" + c.instanceId() + "/variables/iro", null)),
      onTheLiveCase("write and delete its variables at once",
          c -> new Request(HttpMethod.POST, "/engine-rest/process-instance/" + c.instanceId() + "/variables",
              Map.of("modifications", Map.of("returnReason", text("FAMILY_REQUEST")), "deletions", List.of("childName")))),
      onTheLiveCase("write a local variable of an execution of it",
          c -> new Request(HttpMethod.PUT, "/engine-rest/execution/" + c.visitExecutionId() + "/localVariables/visitDate",
              text("2026-01-01"))),
      onTheLiveCase("write a variable of its task",
          c -> new Request(HttpMethod.PUT, "/engine-rest/task/" + c.visitTaskId() + "/variables/socialWorker",
              text("socialworker2"))),
      onTheLiveCase("write a local variable of its task",
          c -> new Request(HttpMethod.PUT, "/engine-rest/task/" + c.visitTaskId() + "/localVariables/visitNotes",
              text("Visited; all well"))),
      onTheLiveCase("move the first visit's timer to 2099",
          c -> new Request(HttpMethod.PUT, "/engine-rest/job/" + c.visitTimerJobId() + "/duedate",
              Map.of("duedate", "2099-01-01T00:00:00.000+0000"))),
      onTheLiveCase("change the retries of its job",
          c -> new Request(HttpMethod.PUT, "/engine-rest/job/" + c.visitTimerJobId() + "/retries", Map.of("retries", 0))),
      onTheLiveCase("execute its job early",
          c -> new Request(HttpMethod.POST, "/engine-rest/job/" + c.visitTimerJobId() + "/execute", null)),
      onTheLiveCase("suspend its job",
          c -> new Request(HttpMethod.PUT, "/engine-rest/job/" + c.visitTimerJobId() + "/suspended",
              Map.of("suspended", true))),
      onTheLiveCase("start a second case for the child at chosen activities (past the start checks)",
          c -> new Request(HttpMethod.POST, "/engine-rest/process-definition/key/unplannedReturn/start",
              Map.of("businessKey", c.childId(), "variables", Map.of("childId", text(c.childId())),
                  "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                      "activityId", "CallActivity_OngoingSupport"))))),
      onTheEndedCase("delete its history",
          c -> new Request(HttpMethod.DELETE, "/engine-rest/history/process-instance/" + c.instanceId(), null)),
      onTheLiveCase("migrate it",
          c -> new Request(HttpMethod.POST, "/engine-rest/migration/execute", Map.of(
              "migrationPlan", Map.of("sourceProcessDefinitionId", c.definitionId(),
                  "targetProcessDefinitionId", c.definitionId(), "instructions", List.of()),
              "processInstanceIds", List.of(c.instanceId())))),
      onTheLiveCase("end its task with a BPMN error instead of completing it",
          c -> new Request(HttpMethod.POST, "/engine-rest/task/" + c.visitTaskId() + "/bpmnError",
              Map.of("errorCode", "VISIT_CANCELLED"))),
      onTheLiveCase("trigger its message subscription without the case-record system's message",
          c -> new Request(HttpMethod.POST, "/engine-rest/execution/" + c.instanceId()
              + "/messageSubscriptions/ChildReturnedToCare/trigger", Map.of())),
      onTheLiveCaseByItsTask("delete a comment on its task",
          c -> new Request(HttpMethod.DELETE, "/engine-rest/task/" + c.visitTaskId() + "/comment/" + c.commentId(), null)),
      onTheLiveCase("create a stand-alone task about the child",
          c -> new Request(HttpMethod.POST, "/engine-rest/task/create", Map.of("name", "Close case " + c.childId()))));

  static Stream<Arguments> everyoneButAnAdministratorAndEveryChangeBehindTheSteps() {
    return EVERYONE_BUT_AN_ADMINISTRATOR.stream()
        .flatMap(user -> CHANGES_BEHIND_ITS_STEPS.stream().filter(change -> change.triedBy(user))
            .map(change -> Arguments.of(user, change)));
  }

  @ParameterizedTest(name = "{0} may not {1}")
  @MethodSource("everyoneButAnAdministratorAndEveryChangeBehindTheSteps")
  void nobodyButAnAdministratorChangesACaseBehindItsSteps(String user, Change change) {
    TheCase theCase = change.ended() ? endedCase(user) : liveCase(user);
    Map<String, Object> before = everythingAbout(theCase);

    ResponseEntity<String> answer = send(user, change.request().apply(theCase));

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(answer.getBody()).contains(REFUSAL, "a case changes only through its steps");
    assertThat(everythingAbout(theCase)).as("the case is unchanged").isEqualTo(before);
  }

  @Test
  void anAdministratorMayStillModifyACase() {
    TheCase theCase = liveCase("admin");

    ResponseEntity<String> answer = send("admin", new Request(HttpMethod.POST,
        "/engine-rest/process-instance/" + theCase.atHomeId() + "/modification",
        Map.of("instructions", List.of(Map.of("type", "cancel", "activityId", "firstHomeVisit")))));

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.getActiveActivityIds(theCase.atHomeId())).containsExactlyInAnyOrder("ConditionalEvent_PlanWritten",
        "ConditionalEvent_ReturnRatified", "ConditionalEvent_OrderMade");
    assertThat(runtime.getActiveActivityIds(theCase.instanceId())).containsExactlyInAnyOrder("completeReturnPlan", "returnReview",
        "CallActivity_ChildAtHome");
  }

  @ParameterizedTest(name = "the case-record system still sends {0}")
  @ValueSource(strings = {"WelfareConcernRaised", "FamilyWithdrewConsent", "ChildReturnedToCare"})
  void theCaseRecordSystemStillSendsEachEventOfTheContract(String message) {
    TheCase theCase = liveCase(message);
    if ("FamilyWithdrewConsent".equals(message)) {
      // a family withdraws from support once the return is decided (Salford §6–§8)
      uk.localgov.reunification.CaseWork.complete(tasks, theCase.childId(), "completeReturnPlan", Map.of("returnPlan", "Plan"));
      uk.localgov.reunification.CaseWork.complete(tasks, theCase.childId(), "returnReview", Map.of("reviewNotes", "Reviewed"));
      uk.localgov.reunification.CaseWork.complete(tasks, theCase.childId(), "ratifyDecision", Map.of("ratificationDecision",
          "RATIFIED", "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    }

    ResponseEntity<String> answer = send("caserecords", new Request(HttpMethod.POST, "/engine-rest/message",
        "WelfareConcernRaised".equals(message)
            ? Map.of("messageName", message, "businessKey", theCase.childId(),
                "processVariables", Map.of("concernDetails", text("School reports bruising")))
            : Map.of("messageName", message, "businessKey", theCase.childId())));

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    switch (message) {
      case "WelfareConcernRaised" -> assertThat(jobs.createJobQuery().processInstanceId(theCase.atHomeId())
          .activityId("ServiceTask_OpenRaisedConcern").count()).isEqualTo(1);
      case "FamilyWithdrewConsent" -> assertThat(runtime.getActiveActivityIds(theCase.atHomeId()))
          .containsExactly("recordWithdrawal");
      default -> assertThat(runtime.createProcessInstanceQuery().processInstanceId(theCase.instanceId()).count())
          .as("the case has ended").isZero();
    }
  }

  @Test
  void theCaseRecordSystemStillStartsAnUnplannedReturn() {
    String childId = "STEPS-START-" + System.nanoTime() % 100000;
    Map<String, Object> variables = new LinkedHashMap<>();
    unplannedChild(childId).forEach((name, value) -> variables.put(name, Map.of("value", value,
        "type", value instanceof Integer ? "Integer" : value instanceof Boolean ? "Boolean" : "String")));

    ResponseEntity<String> answer = send("caserecords", new Request(HttpMethod.POST,
        "/engine-rest/process-definition/key/unplannedReturn/start", Map.of("variables", variables)));

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId)
        .processDefinitionKey("unplannedReturn").count()).isEqualTo(1);
  }

  @Test
  void anAdministratorStillMigratesCases() {
    TheCase theCase = liveCase("migrate");
    runtime.correlateMessage("WelfareConcernRaised", theCase.childId(), Map.of("concernDetails", "Missed contact"));
    jobs.executeJob(job(theCase, "ServiceTask_OpenRaisedConcern").getId());
    Task review = tasks.createTaskQuery().processInstanceBusinessKey(theCase.childId())
        .taskDefinitionKey("reviewWelfareConcern").singleResult();
    int latest = repository.createProcessDefinitionQuery().processDefinitionKey("welfareConcern").latestVersion()
        .singleResult().getVersion();

    ResponseEntity<String> migrated = http.withBasicAuth("admin", "admin").postForEntity("/api/migrations",
        Map.of("processDefinitionKey", "welfareConcern", "fromVersion", latest, "toVersion", latest), String.class);

    assertThat(migrated.getStatusCode()).as(migrated.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(migrated.getBody()).contains("\"migratedCases\":").doesNotContain("\"migratedCases\":0");
    assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getTaskDefinitionKey())
        .as("the concern keeps its task").isEqualTo("reviewWelfareConcern");
  }

  @Test
  void anAdministratorRepairsAnIncidentAndTheJobRunsAgain() {
    TheCase theCase = liveCase("incident");
    runtime.correlateMessage("WelfareConcernRaised", theCase.childId(), Map.of("concernDetails", "Missed contact"));
    Job openConcern = job(theCase, "ServiceTask_OpenRaisedConcern");
    repository.suspendProcessDefinitionByKey("welfareConcern");
    try {
      // the concern cannot be opened while its process is suspended: each try fails until none is left
      while (jobs.createJobQuery().jobId(openConcern.getId()).singleResult().getRetries() > 0) {
        try {
          jobs.executeJob(openConcern.getId());
        } catch (RuntimeException expected) {
          // a failed try, as the job executor would see it
        }
      }
    } finally {
      repository.activateProcessDefinitionByKey("welfareConcern");
    }
    assertThat(runtime.createIncidentQuery().processInstanceId(theCase.instanceId()).count()).isEqualTo(1);
    assertThat(send("socialworker1", new Request(HttpMethod.PUT, "/engine-rest/job/" + openConcern.getId() + "/retries",
        Map.of("retries", 1))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<String> repaired = send("admin", new Request(HttpMethod.PUT,
        "/engine-rest/job/" + openConcern.getId() + "/retries", Map.of("retries", 1)));

    assertThat(repaired.getStatusCode()).as(repaired.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.createIncidentQuery().processInstanceId(theCase.instanceId()).count()).isZero();
    jobs.executeJob(openConcern.getId()); // as the job executor does, once retries are left
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(theCase.childId())
        .taskDefinitionKey("reviewWelfareConcern").singleResult().getAssignee()).isEqualTo("linemanager1");
  }

  ResponseEntity<String> send(String user, Request request) {
    return http.withBasicAuth(user, user).exchange(request.path(), request.method(),
        request.body() == null ? HttpEntity.EMPTY : new HttpEntity<>(request.body()), String.class);
  }

  static Map<String, Object> unplannedChild(String childId) {
    // accommodated under section 20, so that every event of the contract, withdrawal too, applies to it (Salford §8)
    return Cases.with(Cases.careOrderChild(childId), "legalStatus", "SECTION_20", "returnDate", "2026-11-01",
        "returnReason", "PLACEMENT_BREAKDOWN");
  }

  /** An unplanned return after a placement broke down: the plan and the first home visit are due. */
  TheCase liveCase(String label) {
    String childId = "STEPS-" + label.replaceAll("[^A-Za-z0-9]", "") + "-" + System.nanoTime() % 1000000;
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", unplannedChild(childId));
    // the return decides; its life at home (childAtHome) holds the visit
    ProcessInstance atHome = runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).singleResult();
    assertThat(runtime.getActiveActivityIds(instance.getId())).contains("completeReturnPlan");
    assertThat(runtime.getActiveActivityIds(atHome.getId())).contains("firstHomeVisit");
    Task visit = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).taskDefinitionKey("firstHomeVisit")
        .singleResult();
    assertThat(visit.getAssignee()).isEqualTo("socialworker1");
    Comment comment = tasks.createComment(visit.getId(), instance.getId(), "Visit arranged with the mother");
    Job timer = jobs.createJobQuery().processInstanceId(atHome.getId()).activityId("Timer_FirstVisitOverdue")
        .singleResult();
    return new TheCase(childId, instance.getId(), instance.getProcessDefinitionId(), visit.getId(),
        visit.getExecutionId(), timer.getId(), comment.getId(), atHome.getId());
  }

  /** The same case after the child returned to care. */
  TheCase endedCase(String label) {
    TheCase live = liveCase(label);
    runtime.correlateMessage("ChildReturnedToCare", live.childId());
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(live.instanceId()).count()).isZero();
    return live;
  }

  Job job(TheCase theCase, String activityId) {
    return jobs.createJobQuery().processInstanceId(theCase.atHomeId()).activityId(activityId).singleResult();
  }

  /** What a change behind the case's steps could alter, at runtime and in history, read as the application. */
  Map<String, Object> everythingAbout(TheCase theCase) {
    String childId = theCase.childId();
    Map<String, Object> state = new TreeMap<>();
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list();
    for (ProcessInstance instance : running) {
      state.put("instance " + instance.getId(), (instance.isSuspended() ? "suspended at " : "active at ")
          + runtime.getActiveActivityIds(instance.getId()).stream().sorted().toList());
    }
    if (!running.isEmpty()) {
      runtime.createVariableInstanceQuery().processInstanceIdIn(running.stream().map(ProcessInstance::getId)
          .toArray(String[]::new)).list()
          .forEach(variable -> state.put("variable " + variable.getId(), variable.getName() + "=" + variable.getValue()));
    }
    for (Job job : jobs.createJobQuery().processInstanceId(theCase.instanceId()).list()) {
      state.put("job " + job.getId(), List.of(String.valueOf(job.getDuedate()), job.getRetries(), job.isSuspended()));
    }
    tasks.createTaskQuery().processInstanceBusinessKey(childId).list()
        .forEach(task -> state.put("task " + task.getId(), task.getTaskDefinitionKey() + " " + task.getAssignee()));
    state.put("stand-alone tasks about the child", tasks.createTaskQuery().taskNameLike("%" + childId).count());
    state.put("comments on the visit", tasks.getTaskComments(theCase.visitTaskId()).stream()
        .map(Comment::getFullMessage).toList());
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).list()
        .forEach(past -> state.put("history " + past.getId(), past.getState() + " " + endTime(past.getEndTime())));
    state.put("history of variables", history.createHistoricVariableInstanceQuery()
        .processInstanceId(theCase.instanceId()).count());
    return state;
  }

  static String endTime(Date ended) {
    return ended == null ? "running" : "ended " + ended.getTime();
  }
}
