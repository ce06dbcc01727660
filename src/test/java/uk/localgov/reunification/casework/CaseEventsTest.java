package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;
import static uk.localgov.reunification.casework.PlannedReturnTest.visitReport;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/**
 * Contract (messages): the events of a live case reach it with the child's case reference,
 * whatever stage it is in, over Camunda's REST API as the case-record system (demo login
 * {@code caserecords}, group {@code casesystems}) sends them.
 */
@ApplicationTest
class CaseEventsTest extends ProcessTest {
  @Autowired
  TestRestTemplate http;

  ResponseEntity<String> send(String message, String childId, Map<String, Object> variables) {
    Map<String, Object> typed = new java.util.HashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
    return http.withBasicAuth("caserecords", "caserecords").postForEntity("/engine-rest/message",
        Map.of("messageName", message, "businessKey", childId, "processVariables", typed), String.class);
  }

  void sendAccepted(String message, String childId, Map<String, Object> variables) {
    ResponseEntity<String> answer = send(message, childId, variables);
    assertThat(answer.getStatusCode().is2xxSuccessful()).as(answer.getBody()).isTrue();
  }

  /** A child accommodated under section 20, whose family may withdraw from support (Salford §8). */
  ProcessInstance planned() {
    return runtime.startProcessInstanceByKey("plannedReturn",
        with(careOrderChild(newChildId("EV-P")), "legalStatus", "SECTION_20"));
  }

  ProcessInstance unplanned() {
    return runtime.startProcessInstanceByKey("unplannedReturn", with(
        careOrderChild(newChildId("EV-U")),
        "returnDate", "2026-11-01", "returnReason", "PARENT_REMOVED_FROM_SECTION_20", "legalStatus", "SECTION_20",
        "weeksAccommodated", 2));
  }

  ProcessInstance inRatification() {
    ProcessInstance instance = planned();
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Assessment"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Plan"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    return instance;
  }

  ProcessInstance inSupport() {
    ProcessInstance instance = unplanned();
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Plan"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Reviewed"));
    ProcessInstance ratification = sub("ratification", instance);
    complete(task(RATIFY_DECISION, ratification), vars("ratificationDecision", "RATIFIED",
        "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    execute(job("CallActivity_OngoingSupport", instance));
    complete(task(ALLOCATE_CIN_COORDINATOR, sub("ongoingSupport", instance)), vars("cinCoordinator", "cincoordinator1"));
    return instance;
  }

  List<ProcessInstance> concerns(ProcessInstance instance) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("welfareConcern")
        .processInstanceBusinessKey(instance.getBusinessKey()).list();
  }

  @Test
  void aConcernRaisedDuringTheAssessmentReachesTheLineManagerWhileTheCaseCarriesOn() {
    ProcessInstance instance = planned();

    sendAccepted("WelfareConcernRaised", instance.getBusinessKey(), Map.of("concernDetails", "Neighbour heard shouting"));
    execute(job("ServiceTask_OpenRaisedConcern", instance));

    assertThat(concerns(instance)).hasSize(1);
    ProcessInstance concern = concerns(instance).get(0);
    assertThat(task(REVIEW_WELFARE_CONCERN, concern)).isAssignedTo("linemanager1");
    assertThat(caseVariable(concern, "concernDetails")).isEqualTo("Neighbour heard shouting");
    assertThatCase(instance).isWaitingAt("completeAssessment");
  }

  @Test
  void aConcernRaisedDuringRatificationLeavesTheRatificationOpen() {
    ProcessInstance instance = inRatification();

    sendAccepted("WelfareConcernRaised", instance.getBusinessKey(), Map.of("concernDetails", "Missed contact"));
    execute(job("ServiceTask_OpenRaisedConcern", instance));

    assertThat(concerns(instance)).hasSize(1);
    assertThat(sub("ratification", instance)).isWaitingAt("ratifyDecision");
  }

  @Test
  void aSecondConcernDuringAnOpenConcernOpensAnotherOne() {
    ProcessInstance instance = unplanned();
    sendAccepted("WelfareConcernRaised", instance.getBusinessKey(), Map.of("concernDetails", "First"));
    execute(job("ServiceTask_OpenRaisedConcern", instance));

    sendAccepted("WelfareConcernRaised", instance.getBusinessKey(), Map.of("concernDetails", "Second"));
    execute(job("ServiceTask_OpenRaisedConcern", instance));

    assertThat(concerns(instance)).hasSize(2);
    assertThatCase(instance).hasPassed("EndEvent_ConcernOpened").isWaitingAt("completeReturnPlan");
  }

  /** Salford §2, §8: before a planned return the child is still looked after; there is no support at home to leave. */
  @Test
  void aFamilyWithdrawingBeforeAPlannedReturnIsRefusedAndTheRatificationGoesOn() {
    ProcessInstance instance = inRatification();

    ResponseEntity<String> answer = send("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of());

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("'returnDate' is not recorded", "the child has not gone home",
        "ends it at the IRO's review (return not supported) or at ratification");
    assertThat(sub("ratification", instance)).as("the ratification goes on").isNotNull();
    assertThat(caseTasks(instance).taskDefinitionKey("recordWithdrawal").count()).isZero();
  }

  /** Salford §6–§7: the urgent plan, the IRO's review and the ratification are not the family's to withdraw from. */
  @Test
  void aFamilyWithdrawingBeforeAnUnplannedReturnIsDecidedIsRefusedAndThePlanReviewAndRatificationGoOn() {
    ProcessInstance instance = unplanned();

    ResponseEntity<String> answer = send("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of());

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("has a return still to be decided");
    assertThatCase(instance).isWaitingAt("completeReturnPlan", "returnReview");
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Plan"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Reviewed"));
    assertThat(send("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of()).getStatusCode())
        .as("still refused while the nominated officer decides").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(sub("ratification", instance)).isNotNull();
  }

  @Test
  void aWithdrawalIsRecordedWithWhetherTheCafContinues() {
    ProcessInstance instance = inSupport();
    sendAccepted("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(task(RECORD_WITHDRAWAL, instance).getId(),
        vars("withdrawalNotes", "Father asked us to stop"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'cafContinues' is required");
    complete(task(RECORD_WITHDRAWAL, instance), vars("withdrawalNotes", "Father asked us to stop", "cafContinues", false));
    closeCase(instance);
    assertThat(outcome(instance)).isEqualTo("FAMILY_WITHDREW");
  }

  /**
   * Salford §8: "The CAF can however continue until such time as the child's needs have been fully
   * understood [...] until the child's needs can be met through universal services." The case stays
   * open with a CAF review due every 6 weeks, chased when late, and closes when one finds the needs met.
   */
  @Test
  void aWithdrawalWithTheCafGoingOnKeepsACafReviewDueUntilUniversalServicesMeetTheChildsNeeds() {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(at(2026, 11, 9, 9, 0));
    ProcessInstance instance = inSupport();
    sendAccepted("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of());
    complete(task(RECORD_WITHDRAWAL, instance), vars("withdrawalNotes", "Mother no longer wants the visits",
        "cafContinues", true));
    execute(job("CallActivity_ContinueCaf", instance));

    ProcessInstance caf = sub("cafSupport", instance);
    org.camunda.bpm.engine.task.Task review = task(REVIEW_CAF_SUPPORT, caf);
    assertThat(review).isAssignedTo("socialworker1");
    assertThat(review.getDueDate()).as("6 weeks after the withdrawal").isEqualTo(at(2026, 12, 21, 23, 59, 59));
    assertThat(sub("caseClosure", instance)).as("the case stays open while the CAF goes on").isNull();

    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(at(2026, 12, 22, 8, 0));
    execute(job("Timer_CafReviewOverdue", caf));
    org.camunda.bpm.engine.task.Task chase = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).startsWith("Chase CAF review after consent is withdrawn for");

    complete(task(REVIEW_CAF_SUPPORT, caf), vars("cafReviewNotes", "School nurse and family support worker still involved",
        "needsMetByUniversalServices", false));
    assertThat(task(REVIEW_CAF_SUPPORT, caf).getDueDate()).as("the next CAF review, 6 weeks on")
        .isEqualTo(at(2027, 2, 2, 23, 59, 59));

    complete(task(REVIEW_CAF_SUPPORT, caf), vars("cafReviewNotes", "Settled; school and GP meet her needs",
        "needsMetByUniversalServices", true));
    assertThatCase(caf).isEnded();
    closeCase(instance);
    assertThatCase(instance).isEnded();
    assertThat(outcome(instance)).isEqualTo("FAMILY_WITHDREW");
  }

  @Test
  void aFamilyWithdrawingDuringSupportEndsSupportButNotAnOpenConcern() {
    ProcessInstance instance = inSupport();
    sendAccepted("WelfareConcernRaised", instance.getBusinessKey(), Map.of("concernDetails", "Unexplained bruise"));
    execute(job("ServiceTask_OpenRaisedConcern", instance));

    sendAccepted("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of());
    complete(task(RECORD_WITHDRAWAL, instance), vars("withdrawalNotes", "Family moved away", "cafContinues", false));
    closeCase(instance);

    assertThatCase(instance).isEnded();
    assertThat(sub("ongoingSupport", instance)).isNull();
    assertThat(concerns(instance)).as("a safeguarding concern outlives the voluntary support").hasSize(1);
  }

  @Test
  void aChildReturnedToCareDuringTheFirstVisitEndsTheCase() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(
        careOrderChild("EV-RTC" + System.nanoTime() % 100000), "returnDate", "2026-11-01",
        "returnReason", "PLACEMENT_BREAKDOWN"));
    assertThatCase(instance).isWaitingAt("firstHomeVisit", "completeReturnPlan");

    sendAccepted("ChildReturnedToCare", instance.getBusinessKey(), Map.of());

    assertThatCase(instance).isEnded().hasPassed("EndEvent_ChildReturnedToCare");
    assertThat(outcome(instance)).isEqualTo("RETURNED_TO_CARE");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).count()).isZero();
  }

  @Test
  void aChildReturnedToCareDuringSupportEndsTheCaseAndSupport() {
    ProcessInstance instance = inSupport();

    sendAccepted("ChildReturnedToCare", instance.getBusinessKey(), Map.of());

    assertThatCase(instance).isEnded();
    assertThat(outcome(instance)).isEqualTo("RETURNED_TO_CARE");
    assertThat(sub("ongoingSupport", instance)).isNull();
  }

  /** A planned return, ratified, with the child gone home today (confirmReturnHome). */
  ProcessInstance plannedAndHome() {
    ProcessInstance instance = inRatification();
    complete(task(RATIFY_DECISION, sub("ratification", instance)), vars("ratificationDecision", "RATIFIED",
        "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", java.time.LocalDate.now(ENGLAND).toString()));
    return instance;
  }

  @Test
  void aPlannedReturnEndsTooWhenTheChildAtHomeReturnsToCareDuringAWelfareConcern() {
    ProcessInstance instance = plannedAndHome();
    sendAccepted("WelfareConcernRaised", instance.getBusinessKey(), Map.of("concernDetails", "Police call-out"));
    execute(job("ServiceTask_OpenRaisedConcern", instance));

    sendAccepted("ChildReturnedToCare", instance.getBusinessKey(), Map.of());

    assertThatCase(instance).isEnded().hasPassed("EndEvent_ChildReturnedToCare");
    assertThat(outcome(instance)).isEqualTo("RETURNED_TO_CARE");
    assertThat(concerns(instance)).hasSize(1);
  }

  /**
   * Issue 30 (10), Salford §2: in a planned return the child stays looked after through the
   * assessment, the plan, the IRO's review and the ratification, and goes home only when the social
   * worker confirms the return. Until then no return home can break down: a return to care is
   * refused naming the missing return date, the case goes on where it was, and no later case of the
   * child is marked with a failed return that never happened.
   */
  @Test
  void aChildNotYetHomeCannotReturnToCareAndTheCaseGoesOnWhereItWas() {
    ProcessInstance assessing = planned();
    ProcessInstance ratifying = inRatification();

    for (ProcessInstance stillInCare : List.of(assessing, ratifying)) {
      ResponseEntity<String> answer = send("ChildReturnedToCare", stillInCare.getBusinessKey(), Map.of());

      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("child '" + stillInCare.getBusinessKey() + "'", "has not gone home yet",
          "still looked after", "Salford §2", "\"field\":\"returnDate\"");
      assertThatCase(stillInCare).isActive();
      assertThat(caseVariable(stillInCare, "outcome")).as("the case has no outcome").isNull();
    }
    assertThatCase(assessing).isWaitingAt("completeAssessment");
    assertThat(sub("ratification", ratifying)).isWaitingAt("ratifyDecision");
  }

  @Test
  void onceTheSocialWorkerConfirmsTheReturnHomeAReturnToCareEndsThePlannedReturn() {
    ProcessInstance instance = plannedAndHome();
    assertThatCase(instance).isWaitingAt("firstHomeVisit");

    sendAccepted("ChildReturnedToCare", instance.getBusinessKey(), Map.of());

    assertThatCase(instance).isEnded().hasPassed("EndEvent_ChildReturnedToCare");
    assertThat(outcome(instance)).isEqualTo("RETURNED_TO_CARE");
  }

  /** Wiltshire §3 counts earlier failed returns; a return to care refused before the child went home is not one. */
  @Test
  void aPlannedReturnThatNeverWentHomeIsNoFailedReturnForTheChildsNextCase() {
    ProcessInstance first = planned();
    assertThat(send("ChildReturnedToCare", first.getBusinessKey(), Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    complete(task(COMPLETE_ASSESSMENT, first), vars("assessmentSummary", "Assessment"));
    complete(task(COMPILE_RETURN_PLAN, first), vars("returnPlan", "Plan"));
    complete(task(PRE_RETURN_REVIEW, first), vars("reviewOutcome", "RETURN_NOT_SUPPORTED",
        "reviewReasons", "The risks found at assessment are not yet reduced"));
    assertThat(outcome(first)).isEqualTo("RETURN_NOT_SUPPORTED");

    ProcessInstance next = runtime.startProcessInstanceByKey("unplannedReturn", first.getBusinessKey(), with(
        careOrderChild(first.getBusinessKey()), "legalStatus", "SECTION_20", "returnDate",
        java.time.LocalDate.now(ENGLAND).toString(), "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));

    assertThat(caseVariable(next, "factorsPresent")).as("no previous failed return ticked").isNull();
    assertThat(caseVariable(next, "earlierFailedReturns")).isNull();
  }

  @Test
  void caseworkersCannotSendTheEventsOfACase() {
    ProcessInstance instance = planned();

    ResponseEntity<String> answer = http.withBasicAuth("socialworker2", "socialworker2").postForEntity(
        "/engine-rest/message", Map.of("messageName", "ChildReturnedToCare", "businessKey", instance.getBusinessKey()),
        String.class);

    assertThat(answer.getStatusCode().value()).isIn(400, 403);
    assertThatCase(instance).isActive();
  }

  @Test
  void aMessageForAChildWithNoActiveCaseIsRefused() {
    ResponseEntity<String> unknown = send("FamilyWithdrewConsent", "NO-SUCH-CHILD", Map.of());
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // in plain words since issue 31: no engine class name, the message and what it matched
    assertThat(unknown.getBody()).contains("Cannot correlate message 'FamilyWithdrewConsent'",
        "No process definition or execution matches").doesNotContain("org.camunda", "Exception:");
    // issue 30 (12): a concern reaches an open case or a closed one in its follow-up year; otherwise it says so
    ResponseEntity<String> concern = send("WelfareConcernRaised", "NO-SUCH-CHILD", Map.of("concernDetails", "x"));
    assertThat(concern.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(concern.getBody()).contains("'NO-SUCH-CHILD' has no open case, nor a closed case in its year of follow-up",
        "new referral", "\"field\":\"childId\"");

    ProcessInstance ended = unplanned();
    sendAccepted("ChildReturnedToCare", ended.getBusinessKey(), Map.of());
    assertThat(send("FamilyWithdrewConsent", ended.getBusinessKey(), Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void aPlannedReturnAtTheFirstVisitCanStillBeWithdrawnFrom() {
    ProcessInstance instance = inRatification();
    complete(task(RATIFY_DECISION, sub("ratification", instance)), vars("ratificationDecision", "RATIFIED",
        "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    String today = java.time.LocalDate.now(ENGLAND).toString();
    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", today));
    complete(task(FIRST_HOME_VISIT, instance), with(visitReport(true), "visitDate", today));

    sendAccepted("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of());

    assertThatCase(instance).isWaitingAt("recordWithdrawal");
  }

  /** Contract (wave 2): a message changes a case only as its event does; it cannot carry the case's facts. */
  @Test
  void aMessageThatCarriesMoreThanItsEventIsRefusedNamingItAndChangesNothing() {
    ProcessInstance instance = planned();

    ResponseEntity<String> reallocating = send("WelfareConcernRaised", instance.getBusinessKey(),
        Map.of("concernDetails", "Neighbour heard shouting", "socialWorker", "socialworker3"));
    ProcessInstance atHome = inSupport();
    ResponseEntity<String> withdrawing = send("FamilyWithdrewConsent", atHome.getBusinessKey(),
        Map.of("legalStatus", "CARE_ORDER"));

    assertThat(reallocating.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(reallocating.getBody()).contains("'socialWorker' is not carried by message WelfareConcernRaised,"
        + " which carries only concernDetails");
    assertThat(withdrawing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(withdrawing.getBody()).contains("'legalStatus' is not carried by message FamilyWithdrewConsent");
    assertThat(caseVariable(instance, "socialWorker")).isEqualTo("socialworker1");
    assertThat(caseVariable(atHome, "legalStatus")).isEqualTo("SECTION_20");
    assertThat(concerns(instance)).isEmpty();
    assertThatCase(instance).isWaitingAt("completeAssessment");
  }

  /** Salford §8: support is voluntary only under section 20; a court order ends only in court (Children Act 1989 s39). */
  @Test
  void aFamilyCannotWithdrawFromACaseUnderACareOrder() {
    for (String order : List.of("CARE_ORDER", "INTERIM_CARE_ORDER")) {
      ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn",
          with(careOrderChild(newChildId("EV-CO")), "legalStatus", order));

      ResponseEntity<String> answer = send("FamilyWithdrewConsent", instance.getBusinessKey(), Map.of());

      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("'legalStatus' is " + order + " for child '" + instance.getBusinessKey()
          + "': support under a court order is not voluntary");
      assertThatCase(instance).isWaitingAt("completeAssessment");
      assertThat(caseTasks(instance).taskDefinitionKey("recordWithdrawal").count())
          .isZero();
    }
  }
}
