package uk.localgov.reunification.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.localgov.reunification.oversight.TeamHistory.at;
import static uk.localgov.reunification.oversight.TeamHistory.clock;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.CaseInputRefused;
import uk.localgov.reunification.oversight.OversightFigures;
import uk.localgov.reunification.oversight.OversightReport;
import uk.localgov.reunification.oversight.OversightReport.ReturnsToCare;
import uk.localgov.reunification.oversight.TeamHistory;

/**
 * What happens after a case closes with the child at home, on a controlled clock in 2033 and a team
 * of its own: the closure is recorded with the child's view and signed off (reg 39(2)); for a year a
 * return to care is recorded against the closed case and counted, and the line manager checks in at
 * 3, 6 and 12 months; a later return home knows the earlier one failed (Wiltshire §3).
 */
@ApplicationTest
class FollowUpAfterClosureTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  ManagementService jobs;
  @Autowired
  IdentityService identity;
  @Autowired
  OversightFigures figures;
  @Autowired
  TestRestTemplate http;

  TeamHistory team;
  String childId;

  @BeforeEach
  void aTeamOfItsOwn() {
    // a team of each test's own, so its figures hold only its own case
    team = new TeamHistory(engine, "fu" + System.nanoTime() % 1_000_000).people();
    childId = "FU" + System.nanoTime() % 1_000_000;
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
    identity.clearAuthentication();
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).rootProcessInstances().list()
        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
  }

  /** Home on 1 March 2033, supported, stepped down on 1 April; closure recorded on 4 April. */
  ProcessInstance steppedDownAndClosing() {
    clock(2033, 3, 1);
    team.wentHome(childId, team.worker, "2033-03-01");
    clock(2033, 3, 5);
    team.visited(childId);
    team.reviewed(childId);
    team.ratified(childId);
    team.supportStarted(childId);
    clock(2033, 4, 1);
    team.complete(childId, "supportReview", Map.of("supportOutcome", "STEP_DOWN_TO_UNIVERSAL", "reviewNotes", "Settled"));
    ProcessInstance theReturn = runtime.createProcessInstanceQuery().processDefinitionKey("unplannedReturn")
        .processInstanceBusinessKey(childId).singleResult();
    assertThat(theReturn).as("the case stays open until its closure is signed off").isNotNull();
    return theReturn;
  }

  ProcessInstance followUp() {
    return runtime.createProcessInstanceQuery().processDefinitionKey("caseFollowUp").processInstanceBusinessKey(childId)
        .singleResult();
  }

  HistoricProcessInstance endedFollowUp() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("caseFollowUp")
        .processInstanceBusinessKey(childId).singleResult();
  }

  Object historic(String processInstanceId, String name) {
    var variable = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name)
        .singleResult();
    return variable == null ? null : variable.getValue();
  }

  OversightReport asManager(LocalDate from, LocalDate to) {
    identity.setAuthentication(team.manager, List.of("linemanagers"));
    try {
      return figures.report(from, to);
    } finally {
      identity.clearAuthentication();
    }
  }

  ResponseEntity<String> returnedToCareMessage() {
    return http.withBasicAuth("caserecords", "caserecords").postForEntity("/engine-rest/message",
        Map.of("messageName", "ChildReturnedToCare", "businessKey", childId), String.class);
  }

  @Test
  void aChildBackInCareAtAChildInNeedReviewIsCountedWithNoClosureToRecord() {
    clock(2033, 3, 1);
    team.wentHome(childId, team.worker, "2033-03-01");
    team.visited(childId);
    team.reviewed(childId);
    team.ratified(childId);
    team.supportStarted(childId);
    clock(2033, 4, 1);
    team.complete(childId, "supportReview", Map.of("supportOutcome", "RETURNED_TO_CARE", "reviewNotes", "Placed again"));

    HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processDefinitionKey("unplannedReturn")
        .processInstanceBusinessKey(childId).singleResult();
    assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(ended.getId()).processDefinitionKey("childAtHome")
        .singleResult().getEndActivityId()).as("the life at home ended with support, the child back in care")
        .isEqualTo("EndEvent_SupportEnded");
    assertThat(historic(ended.getId(), "outcome")).isEqualTo("RETURNED_TO_CARE");
    assertThat(endedFollowUp()).isNull();
    clock(2034, 3, 2);
    assertThat(asManager(LocalDate.of(2033, 1, 1), LocalDate.of(2033, 12, 31)).outcomes().returnsToCare())
        .contains(new ReturnsToCare(3, 1, 1, 100));
  }

  @Test
  void aCaseClosesOnlyOnceTheChildsViewIsRecordedAndTheLineManagerSignsItOff() {
    ProcessInstance theReturn = steppedDownAndClosing();
    team.runAsync(childId, "CallActivity_CloseCase");
    Task record = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("recordCaseClosure")
        .singleResult();
    assertThat(record.getAssignee()).isEqualTo(team.worker);

    assertThatThrownBy(() -> tasks.complete(record.getId(), Map.of("closingSummary", "Settled")))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'childViewOnClosure' is required");
    tasks.complete(record.getId(), Map.of("closingSummary", "Settled", "childViewOnClosure", "Pleased"));

    Task signOff = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("signOffClosure")
        .singleResult();
    assertThat(signOff.getAssignee()).as("the line manager of the social worker's team").isEqualTo(team.manager);
    tasks.complete(signOff.getId(), Map.of("closureSignedOff", false, "signOffNotes", "Say what school thinks"));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("recordCaseClosure").count())
        .as("sent back to the social worker").isOne();
    team.complete(childId, "recordCaseClosure", Map.of("closingSummary", "Settled; school reports good attendance",
        "childViewOnClosure", "Pleased"));
    team.complete(childId, "signOffClosure", Map.of("closureSignedOff", true, "signOffNotes", "Agreed"));
    team.runAsync(childId, "ServiceTask_BeginFollowUp");

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(theReturn.getId()).count()).as("closed").isZero();
    assertThat(historic(theReturn.getId(), "outcome")).isEqualTo("STEPPED_DOWN_TO_UNIVERSAL");
    ProcessInstance followUp = followUp();
    assertThat(followUp).as("followed up for a year").isNotNull();
    assertThat(runtime.getVariables(followUp.getId())).containsEntry("closedCase", theReturn.getId())
        .containsEntry("closedOn", "2033-04-01").containsEntry("closedWithOutcome", "STEPPED_DOWN_TO_UNIVERSAL");
    Job checkIn = jobs.createJobQuery().processInstanceId(followUp.getId()).activityId("Timer_CheckInDue").singleResult();
    assertThat(checkIn.getDuedate()).as("3 months after closure").isEqualTo(at(2033, 7, 1, 0));
  }

  @Test
  void aReturnToCareFourMonthsAfterAStepDownIsRecordedAgainstTheClosedCaseAndCountedInTheSixMonthFigure() {
    ProcessInstance theReturn = steppedDownAndClosing();
    team.closed(childId);

    clock(2033, 8, 1);
    assertThat(returnedToCareMessage().getStatusCode().is2xxSuccessful()).as("accepted from the case-record system")
        .isTrue();

    HistoricProcessInstance followUp = endedFollowUp();
    assertThat(followUp.getEndTime()).isNotNull();
    assertThat(historic(followUp.getId(), "outcome")).isEqualTo("RETURNED_TO_CARE");
    assertThat(historic(followUp.getId(), "returnedToCareOn")).isEqualTo("2033-08-01");
    assertThat(historic(followUp.getId(), "closedCase")).isEqualTo(theReturn.getId());
    assertThat(followUp.getRemovalTime()).as("kept as long as the case it follows (reg 50)").isNotNull()
        .isEqualTo(history.createHistoricProcessInstanceQuery().processInstanceId(theReturn.getId()).singleResult()
            .getRemovalTime());

    clock(2034, 3, 2);
    OversightReport.Outcomes outcomes = asManager(LocalDate.of(2033, 1, 1), LocalDate.of(2033, 12, 31)).outcomes();
    assertThat(outcomes.returnedHome()).isEqualTo(1);
    assertThat(outcomes.returnsToCare()).containsExactly(new ReturnsToCare(3, 1, 0, 0), new ReturnsToCare(6, 1, 1, 100),
        new ReturnsToCare(12, 1, 1, 100));
    assertThat(outcomes.backInCareInPeriod()).isEqualTo(1);
    assertThat(outcomes.afterClosure()).isEqualTo(new OversightReport.AfterClosure(1, 0, 1, 0, 0, 0));
    assertThat(outcomes.byOutcome()).as("the closed case keeps how its support ended")
        .containsEntry("STEPPED_DOWN_TO_UNIVERSAL", 1);
  }

  @Test
  void aReturnToCareThirteenMonthsAfterClosureIsRefusedAndTheYearEndsSustainedAtHome() {
    steppedDownAndClosing();
    team.closed(childId);
    String followUp = followUp().getId();
    for (int[] day : new int[][] {{2033, 7, 1}, {2033, 10, 1}}) {
      clock(day[0], day[1], day[2]);
      team.checkInDue(childId);
      assertThat(runtime.getVariable(followUp, "checkInMonths")).isIn(3, 6);
      team.complete(childId, "confirmChildAtHome", Map.of("childStillAtHome", true, "checkInNotes", "At home"));
    }
    clock(2034, 4, 1);
    team.checkInDue(childId);
    Task yearEnd = tasks.createTaskQuery().processInstanceId(followUp).taskDefinitionKey("confirmChildAtHome").singleResult();
    assertThat(yearEnd.getAssignee()).isEqualTo(team.manager);
    assertThat(runtime.getVariable(followUp, "checkInMonths")).isEqualTo(12);

    clock(2034, 5, 2);
    ResponseEntity<String> late = returnedToCareMessage();
    assertThat(late.getStatusCode()).as(late.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(late.getBody()).contains("childId").contains("until 2034-04-01");
    assertThat(followUp()).as("the refused report changes nothing").isNotNull();

    tasks.complete(yearEnd.getId(), Map.of("childStillAtHome", true, "checkInNotes", "Still at home a year on"));
    assertThat(historic(followUp, "outcome")).isEqualTo("SUSTAINED_AT_HOME");
    Map<?, ?> chronology = http.withBasicAuth(team.manager, team.password)
        .getForObject("/api/cases/" + childId + "/chronology", Map.class);
    assertThat((List<Map<String, Object>>) chronology.get("entries"))
        .filteredOn(entry -> "confirmChildAtHome".equals(entry.get("taskKey"))).hasSize(3)
        .allSatisfy(entry -> assertThat((Map<String, Object>) entry.get("values"))
            .as("what each check-in found, and no empty day back in care")
            .containsEntry("childStillAtHome", true).doesNotContainKey("returnedToCareOn"));
    assertThat(returnedToCareMessage().getStatusCode().is4xxClientError()).as("no case, no follow-up: refused as before")
        .isTrue();
    OversightReport.Outcomes outcomes = asManager(LocalDate.of(2034, 5, 1), LocalDate.of(2034, 5, 31)).outcomes();
    assertThat(outcomes.sustainedInPeriod()).isEqualTo(1);
    assertThat(outcomes.afterClosure().checkInsDone()).isEqualTo(1);
  }

  @Test
  void aCheckInThatFindsTheChildBackInCareRecordsTheDayWithinTheYear() {
    steppedDownAndClosing();
    team.closed(childId);
    clock(2033, 7, 2);
    team.checkInDue(childId);
    Task checkIn = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("confirmChildAtHome")
        .singleResult();

    assertThatThrownBy(() -> tasks.complete(checkIn.getId(), Map.of("childStillAtHome", false, "checkInNotes", "Gone")))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'returnedToCareOn' is required");
    assertThatThrownBy(() -> tasks.complete(checkIn.getId(), Map.of("childStillAtHome", false, "checkInNotes", "Gone",
        "returnedToCareOn", "2033-03-30"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("must not be before the case closed on 2033-04-01");
    tasks.complete(checkIn.getId(), Map.of("childStillAtHome", false, "checkInNotes", "Placed with foster carers",
        "returnedToCareOn", "2033-06-20"));

    assertThat(historic(endedFollowUp().getId(), "outcome")).isEqualTo("RETURNED_TO_CARE");
    clock(2034, 3, 2);
    assertThat(asManager(LocalDate.of(2033, 1, 1), LocalDate.of(2033, 12, 31)).outcomes().returnsToCare())
        .contains(new ReturnsToCare(6, 1, 1, 100));
  }

  @Test
  void aSecondReturnForAChildWhoseFirstFailedHasTheFactorTickedAndTheEarlierCaseInItsChronology() {
    ProcessInstance first = steppedDownAndClosing();
    team.closed(childId);
    clock(2033, 8, 1);
    returnedToCareMessage();

    clock(2033, 11, 1);
    Map<String, Object> again = TeamHistory.child(childId, team.worker);
    again.put("returnDate", "2033-11-01");
    again.put("returnReason", "PLACEMENT_BREAKDOWN");
    ProcessInstance second = runtime.startProcessInstanceByKey("unplannedReturn", childId, again);

    assertThat(((SpinJsonNode) runtime.getVariable(second.getId(), "factorsPresent")).toString())
        .contains("CARE_PREVIOUS_FAILED_RETURN");
    Task plan = tasks.createTaskQuery().processInstanceId(second.getId()).taskDefinitionKey("completeReturnPlan")
        .singleResult();
    assertThatThrownBy(() -> tasks.complete(plan.getId(), Map.of("returnPlan", "Daily outreach",
        "factorsPresent", org.camunda.spin.Spin.JSON("[]"))))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'factorsPresent' must keep CARE_PREVIOUS_FAILED_RETURN");

    Map<?, ?> chronology = http.withBasicAuth(team.worker, team.worker + "-secret")
        .getForObject("/api/cases/" + childId + "/chronology", Map.class);
    assertThat((List<Map<String, Object>>) chronology.get("entries")).anySatisfy(entry -> {
      assertThat((String) entry.get("what")).startsWith("Earlier return home ended with the child back in care on 2033-08-01");
      assertThat((Map<String, Object>) entry.get("values")).containsEntry("caseId", first.getId())
          .containsEntry("when", "after the case closed");
    });
  }

  @Test
  void aNewReturnHomeWhileTheChildIsFollowedUpIsRefusedNamingTheChild() {
    steppedDownAndClosing();
    team.closed(childId);
    clock(2033, 5, 1);
    Map<String, Object> again = TeamHistory.child(childId, team.worker);
    again.put("returnDate", "2033-05-01");
    again.put("returnReason", "PLACEMENT_BREAKDOWN");

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("unplannedReturn", childId, again))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'childId'").hasMessageContaining("followed up until 2034-04-01");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("unplannedReturn")
        .processInstanceBusinessKey(childId).count()).isZero();
  }

  @Test
  void theSocialWorkerReportsAReturnToCareAfterClosureFromTasklistAndAnotherTeamsWorkerMayNot() {
    steppedDownAndClosing();
    team.closed(childId);
    clock(2033, 6, 1);
    Map<String, Object> report = Map.of("variables", Map.of(
        "childId", Map.of("value", childId), "caseEvent", Map.of("value", "ChildReturnedToCare"),
        "eventDetails", Map.of("value", "Police protection on Saturday night")));

    ResponseEntity<Map> stranger = http.withBasicAuth("socialworker3", "socialworker3")
        .postForEntity("/engine-rest/process-definition/key/reportCaseEvent/start", report, Map.class);
    assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(stranger.getBody().get("field")).as("the field named for integrators").isEqualTo("childId");
    assertThat(stranger.getBody().get("message")).asString().startsWith("Case reference of the child: ");
    assertThat(followUp()).isNotNull();

    ResponseEntity<Map> reported = http.withBasicAuth(team.worker, team.worker + "-secret")
        .postForEntity("/engine-rest/process-definition/key/reportCaseEvent/start", report, Map.class);
    assertThat(reported.getStatusCode()).as(String.valueOf(reported.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(historic(endedFollowUp().getId(), "returnedToCareOn")).isEqualTo("2033-06-01");
  }
  ResponseEntity<Map> reportConcern(String user, String password, String details) {
    return http.withBasicAuth(user, password).postForEntity("/engine-rest/process-definition/key/reportCaseEvent/start",
        Map.of("variables", Map.of("childId", Map.of("value", childId), "caseEvent", Map.of("value", "WelfareConcernRaised"),
            "eventDetails", Map.of("value", details))), Map.class);
  }

  ResponseEntity<String> concernMessage(String details) {
    return http.withBasicAuth("caserecords", "caserecords").postForEntity("/engine-rest/message",
        Map.of("messageName", "WelfareConcernRaised", "businessKey", childId,
            "processVariables", Map.of("concernDetails", Map.of("value", details, "type", "String"))), String.class);
  }

  List<ProcessInstance> concerns() {
    return runtime.createProcessInstanceQuery().processDefinitionKey("welfareConcern").processInstanceBusinessKey(childId)
        .list();
  }

  /** The follow-up's job that opens a raised concern, run as the job executor would. */
  void concernOpens() {
    team.runAsync(childId, "ServiceTask_OpenRaisedConcern");
  }

  /**
   * Issue 30 (12), Salford §4: "in the event of concern regarding the child's welfare, the social
   * worker should report this to their line manager". The year after closure is followed up because
   * a third of these children come back into care, so a concern in that year reaches the line
   * manager as it did while the case was open: the same review, due the next working day, chased by
   * the service managers when late, in the case's chronology; the follow-up carries on.
   */
  @Test
  void aWelfareConcernInTheFollowUpYearGoesToTheLineManagerDueTheNextWorkingDayAndIsChased() {
    ProcessInstance theReturn = steppedDownAndClosing();
    team.closed(childId);
    String followUp = followUp().getId();
    clock(2033, 6, 3); // a Friday

    ResponseEntity<Map> reported = reportConcern(team.worker, team.worker + "-secret",
        "School says he arrived hungry three days running and Dad was not answering the phone");
    assertThat(reported.getStatusCode()).as(String.valueOf(reported.getBody())).isEqualTo(HttpStatus.OK);
    concernOpens();

    assertThat(concerns()).hasSize(1);
    ProcessInstance concern = concerns().get(0);
    Task review = tasks.createTaskQuery().processInstanceId(concern.getId()).taskDefinitionKey("reviewWelfareConcern")
        .singleResult();
    assertThat(review.getAssignee()).as("the line manager of the closed case's social worker").isEqualTo(team.manager);
    assertThat(review.getDueDate()).as("by the end of the next working day, Monday").isEqualTo(java.util.Date.from(
        at(2033, 6, 6, 23).toInstant().plusSeconds(59 * 60 + 59)));
    assertThat(runtime.getVariable(concern.getId(), "concernDetails")).asString().startsWith("School says he arrived hungry");
    assertThat(runtime.getVariable(concern.getId(), "team")).isEqualTo(team.team);
    assertThat(followUp()).as("the follow-up carries on").isNotNull();
    assertThat(runtime.getActiveActivityIds(followUp)).contains("Timer_CheckInDue");
    assertThat(engine.getAuthorizationService().isUserAuthorized(team.manager, List.of("linemanagers", team.team),
        org.camunda.bpm.engine.authorization.Permissions.READ, org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE,
        concern.getId())).as("the line manager sees the concern in Cockpit and Tasklist").isTrue();

    Map<?, ?> chronology = http.withBasicAuth(team.manager, team.password)
        .getForObject("/api/cases/" + childId + "/chronology", Map.class);
    assertThat((List<Map<String, Object>>) chronology.get("entries")).as("the chronology of the closed case shows it")
        .anySatisfy(entry -> assertThat(entry).containsEntry("taskKey", "reviewWelfareConcern")
            .containsEntry("by", team.manager).extractingByKey("due").isNotNull());

    clock(2033, 6, 7);
    jobs.executeJob(jobs.createJobQuery().processInstanceId(concern.getId()).activityId("Timer_ConcernReviewOverdue")
        .singleResult().getId());
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("chaseOverdueWork")
        .singleResult();
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).taskCandidateGroup("servicemanagers").count())
        .as("the line manager's late review is chased by the service managers").isOne();

    assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("concernOutcome", "REVISE_PLAN",
        "escalateToServiceManager", false, "managerNotes", "Revise"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("REVISE_PLAN needs an open case");
    assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("concernOutcome", "EARLY_REVIEW",
        "escalateToServiceManager", false, "managerNotes", "Review"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("the case is closed");
    tasks.complete(review.getId(), Map.of("concernOutcome", "STRATEGY_DISCUSSION", "escalateToServiceManager", true,
        "managerNotes", "Strategy discussion: is the child safe at home?"));
    assertThat(tasks.createTaskQuery().processInstanceId(concern.getId()).taskDefinitionKey("serviceManagerReview")
        .taskCandidateGroup("servicemanagers").count()).isOne();
    assertThat(historic(followUp, "outcome")).as("the follow-up is still running").isNull();
    assertThat(asManager(LocalDate.of(2033, 6, 1), LocalDate.of(2033, 6, 30)).outcomes().afterClosure().inFollowUp())
        .as("and counted in oversight as a child in their follow-up year").isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(theReturn.getId()).count()).as("the case stays closed")
        .isZero();
  }

  /** The people who may see the closed case raise a concern in its year; another team's worker may not. */
  @Test
  void onlyThePeopleWhoMaySeeTheClosedCaseRaiseAConcernInItsYear() {
    steppedDownAndClosing();
    team.closed(childId);
    clock(2033, 9, 1);

    ResponseEntity<Map> stranger = reportConcern("socialworker3", "socialworker3", "Heard something at the school gate");
    assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(stranger.getBody().get("field")).isEqualTo("childId");
    assertThat(stranger.getBody().get("detail")).asString()
        .contains("is not an active case that you work on, nor a closed case in its year of follow-up");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("reportCaseEvent")
        .processInstanceBusinessKey(childId).count()).as("a refused report keeps nothing").isZero();

    for (String[] person : new String[][] {{team.manager, team.password}, {"iro1", "iro1"},
        {"cincoordinator1", "cincoordinator1"}}) {
      ResponseEntity<Map> answer = reportConcern(person[0], person[1], "Reported by " + person[0]);
      assertThat(answer.getStatusCode()).as(person[0] + ": " + answer.getBody()).isEqualTo(HttpStatus.OK);
    }
    assertThat(concernMessage("From the case-record system: police called to the home").getStatusCode().value())
        .as("and the case-record system").isEqualTo(204);
    concernOpens();
    assertThat(concerns()).hasSize(4);
  }

  /** After the year a concern is no longer one of the closed case: refused, in words that say what to do instead. */
  @Test
  void aConcernAfterTheFollowUpYearIsRefusedSayingWhy() {
    steppedDownAndClosing();
    team.closed(childId);
    for (int[] day : new int[][] {{2033, 7, 1}, {2033, 10, 1}, {2034, 4, 1}}) {
      clock(day[0], day[1], day[2]);
      team.checkInDue(childId);
      if (day[0] == 2033) {
        team.complete(childId, "confirmChildAtHome", Map.of("childStillAtHome", true, "checkInNotes", "At home"));
      }
    }
    clock(2034, 4, 5);

    ResponseEntity<String> late = concernMessage("Neighbour worried");
    assertThat(late.getStatusCode()).as(late.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(late.getBody()).contains("\"field\":\"childId\"", "until 2034-04-01", "new referral");
    ResponseEntity<Map> reported = reportConcern(team.worker, team.worker + "-secret", "Neighbour worried");
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(reported.getBody().get("detail")).asString().contains("until 2034-04-01");
    assertThat(concerns()).isEmpty();

    team.complete(childId, "confirmChildAtHome", Map.of("childStillAtHome", true, "checkInNotes", "A year at home"));
    assertThat(followUp()).as("the year has ended").isNull();
    ResponseEntity<String> afterwards = concernMessage("Neighbour worried again");
    assertThat(afterwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(afterwards.getBody()).contains("has no open case, nor a closed case in its year of follow-up",
        "new referral");
    assertThat(concerns()).isEmpty();
  }

  /** One fact in one place: the events the follow-up's diagram catches are the ones its rules let through. */
  @Test
  void theFollowUpCatchesExactlyTheEventsItsRulesLetThrough() {
    var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("caseFollowUp")
        .latestVersion().singleResult();
    var caught = engine.getRepositoryService().getBpmnModelInstance(definition.getId())
        .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.MessageEventDefinition.class).stream()
        .map(message -> message.getMessage().getName()).collect(java.util.stream.Collectors.toSet());

    assertThat(caught).isEqualTo(CaseFollowUps.EVENTS.stream()
        .map(uk.localgov.reunification.casework.CaseMessage::messageName).collect(java.util.stream.Collectors.toSet()));
  }
}
