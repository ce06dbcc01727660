package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/**
 * Contract (case events reported by the people who work the case): from Tasklist's "Start process"
 * or over REST, a person allocated to the child's active case reports a welfare concern, a return to
 * care or the family's withdrawal; the return to care and the withdrawal only the social worker or
 * their line manager. Everyone else is refused, and a refused report keeps nothing.
 */
@ApplicationTest
class ReportCaseEventTest extends ProcessTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  ManagementService jobs;

  ResponseEntity<String> report(String user, String childId, String event, String details) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("childId", Map.of("value", childId, "type", "String"));
    variables.put("caseEvent", Map.of("value", event, "type", "String"));
    variables.put("eventDetails", Map.of("value", details, "type", "String"));
    return http.withBasicAuth(user, user).postForEntity("/engine-rest/process-definition/key/reportCaseEvent/start",
        Map.of("variables", variables), String.class);
  }

  /** A section 20 child at home with support under way: socialworker1, linemanager1, iro1 and cincoordinator1 work the case. */
  ProcessInstance supportedAtHome(String legalStatus) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("RCE-")),
        "legalStatus", legalStatus, "weeksAccommodated", 2, "returnDate", java.time.LocalDate.now(ENGLAND).toString(),
        "returnReason", "SECTION_20".equals(legalStatus) ? "PARENT_REMOVED_FROM_SECTION_20" : "PLACEMENT_BREAKDOWN"));
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Family support worker twice weekly"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed"));
    complete(task(RATIFY_DECISION, sub("ratification", instance)), vars("ratificationDecision", "RATIFIED",
        "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    if (!"SECTION_20".equals(legalStatus)) {
      complete(task(FIRST_HOME_VISIT, instance), with(PlannedReturnTest.visitReport(true), "visitDate",
          java.time.LocalDate.now(ENGLAND).toString()));
    }
    execute(job("CallActivity_OngoingSupport", instance));
    complete(task(ALLOCATE_CIN_COORDINATOR, sub("ongoingSupport", instance)), vars("cinCoordinator", "cincoordinator1"));
    return instance;
  }

  List<HistoricProcessInstance> reports(String childId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("reportCaseEvent")
        .processInstanceBusinessKey(childId).list();
  }

  @Test
  void eachPersonWhoWorksTheCaseReportsAWelfareConcernAndTheRecordKeepsWho() {
    ProcessInstance instance = supportedAtHome("SECTION_20");

    for (String person : List.of("socialworker1", "linemanager1", "iro1", "cincoordinator1")) {
      ResponseEntity<String> answer = report(person, instance.getBusinessKey(), "WelfareConcernRaised",
          "Reported by " + person + ": the child was sent home from school unwell and nobody collected her");
      assertThat(answer.getStatusCode()).as(person + ": " + answer.getBody()).isEqualTo(HttpStatus.OK);
    }

    assertThat(caseJobs(instance, "ServiceTask_OpenRaisedConcern"))
        .as("a concern opened for each report").isEqualTo(4);
    assertThat(reports(instance.getBusinessKey())).hasSize(4).allMatch(report -> report.getEndTime() != null);
    assertThat(history.createHistoricVariableInstanceQuery().variableName("reportedBy")
        .processInstanceIdIn(reports(instance.getBusinessKey()).stream().map(HistoricProcessInstance::getId)
            .toArray(String[]::new)).list())
        .extracting(variable -> variable.getValue())
        .containsExactlyInAnyOrder("socialworker1", "linemanager1", "iro1", "cincoordinator1");
  }

  @Test
  void nobodyElseReportsAnEventOfTheCaseAndARefusedReportKeepsNothing() {
    ProcessInstance instance = supportedAtHome("SECTION_20");

    for (String outsider : List.of("socialworker3", "linemanager2", "iro2")) {
      ResponseEntity<String> answer = report(outsider, instance.getBusinessKey(), "WelfareConcernRaised", "Heard at school");
      assertThat(answer.getStatusCode()).as(outsider).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("'childId' '" + instance.getBusinessKey() + "' is not an active case that you work on");
    }
    for (String otherRole : List.of("servicemanager1", "headofservice1", "caserecords")) {
      assertThat(report(otherRole, instance.getBusinessKey(), "WelfareConcernRaised", "Heard at school").getStatusCode())
          .as(otherRole).isEqualTo(HttpStatus.FORBIDDEN);
    }
    ResponseEntity<String> noCase = report("socialworker1", "RCE-NO-SUCH-CHILD", "WelfareConcernRaised", "Heard at school");
    assertThat(noCase.getBody()).contains("'childId' 'RCE-NO-SUCH-CHILD' is not an active case that you work on");
    assertThat(http.postForEntity("/engine-rest/process-definition/key/reportCaseEvent/start", Map.of(), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    assertThat(reports(instance.getBusinessKey())).isEmpty();
    assertThat(reports("RCE-NO-SUCH-CHILD")).isEmpty();
    assertThat(caseJobs(instance, "ServiceTask_OpenRaisedConcern"))
        .isZero();
  }

  @Test
  void onlyTheSocialWorkerOrTheirLineManagerReportsAReturnToCare() {
    ProcessInstance instance = supportedAtHome("SECTION_20");

    for (String person : List.of("iro1", "cincoordinator1")) {
      ResponseEntity<String> answer = report(person, instance.getBusinessKey(), "ChildReturnedToCare", "Placed with foster carers");
      assertThat(answer.getStatusCode()).as(person).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("as its social worker or their line manager");
    }
    assertThatCase(instance).isNotEnded();

    assertThat(report("linemanager1", instance.getBusinessKey(), "ChildReturnedToCare",
        "Mother asked for Jo to be accommodated again tonight").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThatCase(instance).isEnded();
    assertThat(outcome(instance)).isEqualTo("RETURNED_TO_CARE");
  }

  /** Issue 30 (10), Salford §2: a child whose planned return is still being assessed has not gone home, so cannot go back. */
  @Test
  void theSocialWorkerCannotReportAReturnToCareForAChildNotYetHome() {
    ProcessInstance planned = runtime.startProcessInstanceByKey("plannedReturn",
        with(careOrderChild(newChildId("RCE-P")), "legalStatus", "SECTION_20"));

    ResponseEntity<String> refused = report("socialworker1", planned.getBusinessKey(), "ChildReturnedToCare",
        "Placement ended; back with foster carers");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("'returnDate' is not recorded for child '" + planned.getBusinessKey()
        + "': the child has not gone home yet");
    assertThat(reports(planned.getBusinessKey())).as("a refused report keeps nothing").isEmpty();
    assertThatCase(planned).isWaitingAt("completeAssessment");
  }

  @Test
  void theSocialWorkerReportsAFamilysWithdrawalButNotFromACareOrder() {
    ProcessInstance voluntary = supportedAtHome("SECTION_20");
    ProcessInstance underAnOrder = supportedAtHome("CARE_ORDER");

    assertThat(report("socialworker1", voluntary.getBusinessKey(), "FamilyWithdrewConsent", "Father asked us to stop")
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> refused = report("socialworker1", underAnOrder.getBusinessKey(), "FamilyWithdrewConsent",
        "Mother wants no more visits");

    assertThatCase(voluntary).isWaitingAt("recordWithdrawal");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("'legalStatus' is CARE_ORDER");
    assertThat(reports(underAnOrder.getBusinessKey())).isEmpty();
    assertThat(runtime.getActiveActivityIds(underAnOrder.getId())).doesNotContain("recordWithdrawal");
  }

  @Test
  void aReportTakesOnlyItsThreeVariables() {
    ProcessInstance instance = supportedAtHome("SECTION_20");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("childId", Map.of("value", instance.getBusinessKey(), "type", "String"));
    variables.put("caseEvent", Map.of("value", "WelfareConcernRaised", "type", "String"));
    variables.put("eventDetails", Map.of("value", "Heard at school", "type", "String"));
    variables.put("reportedBy", Map.of("value", "linemanager2", "type", "String"));

    ResponseEntity<String> answer = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        "/engine-rest/process-definition/key/reportCaseEvent/start", Map.of("variables", variables), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("'reportedBy' is not a start variable of reportCaseEvent");
  }

  ResponseEntity<String> reportDischarge(String user, String childId, String caseEvent, String dischargeDate) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("childId", Map.of("value", childId, "type", "String"));
    variables.put("caseEvent", Map.of("value", caseEvent, "type", "String"));
    variables.put("eventDetails", Map.of("value", "Order discharged at the family court", "type", "String"));
    variables.put("dischargeDate", Map.of("value", dischargeDate, "type", "String"));
    return http.withBasicAuth(user, user).postForEntity("/engine-rest/process-definition/key/reportCaseEvent/start",
        Map.of("variables", variables), String.class);
  }

  /** Children Act 1989 s39: the social worker reports the court's discharge; the visits and reviews of the order stop. */
  @Test
  void theSocialWorkerReportsTheCourtsDischargeOfTheOrder() {
    ProcessInstance instance = supportedAtHome("CARE_ORDER");
    String today = java.time.LocalDate.now(ENGLAND).toString();
    assertThat(caseTasks(instance).taskDefinitionKey("statutoryVisit").count()).isOne();

    ResponseEntity<String> byTheIro = reportDischarge("iro1", instance.getBusinessKey(), "CareOrderDischarged", today);
    assertThat(byTheIro.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(byTheIro.getBody()).contains("'childId'", "as its social worker or their line manager");
    ResponseEntity<String> withAConcern = reportDischarge("socialworker1", instance.getBusinessKey(), "WelfareConcernRaised", today);
    assertThat(withAConcern.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(withAConcern.getBody()).contains("'dischargeDate' is recorded only with the event CareOrderDischarged");

    ResponseEntity<String> answer = reportDischarge("socialworker1", instance.getBusinessKey(), "CareOrderDischarged", today);

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(caseVariable(instance, "dischargeDate")).isEqualTo(today);
    assertThat(caseTasks(instance)
        .taskDefinitionKeyIn("statutoryVisit", "lookedAfterReview").count()).isZero();
    ResponseEntity<String> again = reportDischarge("linemanager1", instance.getBusinessKey(), "CareOrderDischarged", today);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(again.getBody()).contains("'dischargeDate'", "was discharged already");
  }

  /** While the order stands the Child in Need review cannot step the case down; over HTTP the 400 names supportOutcome. */
  @Test
  void overHttpAStepDownUnderACareOrderIsRefusedNamingSupportOutcome() {
    ProcessInstance instance = supportedAtHome("CARE_ORDER");
    String review = task(SUPPORT_REVIEW, sub("ongoingSupport", instance)).getId();

    ResponseEntity<String> answer = http.withBasicAuth("cincoordinator1", "cincoordinator1").postForEntity(
        "/engine-rest/task/" + review + "/complete", Map.of("variables", Map.of(
            "supportOutcome", Map.of("value", "STEP_DOWN_TO_UNIVERSAL", "type", "String"),
            "reviewNotes", Map.of("value", "Doing well", "type", "String"))), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("'supportOutcome' STEP_DOWN_TO_UNIVERSAL is not open while");
    assertThat(tasks.createTaskQuery().taskId(review).count()).as("the review stays open").isOne();
  }

  /** The case-record system's message for a child with no order to discharge is refused naming legalStatus. */
  @Test
  void aDischargeMessageForASection20ChildIsRefusedNamingLegalStatus() {
    ProcessInstance instance = supportedAtHome("SECTION_20");

    ResponseEntity<String> answer = http.withBasicAuth("caserecords", "caserecords").postForEntity("/engine-rest/message",
        Map.of("messageName", "CareOrderDischarged", "businessKey", instance.getBusinessKey(), "processVariables",
            Map.of("dischargeDate", Map.of("value", java.time.LocalDate.now(ENGLAND).toString(), "type", "String"))),
        String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("'legalStatus' is SECTION_20");
  }
}
