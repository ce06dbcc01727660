package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;
import static uk.localgov.reunification.casework.PlannedReturnTest.visitReport;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.localgov.reunification.ApplicationTest;

/** Salford §6: a child goes home without a plan, and the case catches up with the child. */
@ApplicationTest
class UnplannedReturnTest extends ProcessTest {
  @BeforeEach
  void openedOnMondayTheSecondOfMarch() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9, 0));
  }

  /** A child on a care order who went home on Wednesday 25 February when the placement broke down. */
  Map<String, Object> wentHome(Object... changes) {
    return with(with(careOrderChild(newChildId("UR-")),
        "returnDate", "2026-02-25", "returnReason", "PLACEMENT_BREAKDOWN"), changes);
  }

  /**
   * A child accommodated under section 20 for 30 weeks whose placement broke down: Salford's 20 days
   * for the review (a child under a court order is placed under reg 19: {@link CourtOrderSupervisionTest}).
   */
  Map<String, Object> accommodatedUnderSection20() {
    return wentHome("legalStatus", "SECTION_20");
  }

  ProcessInstance start(Map<String, Object> child) {
    return runtime.startProcessInstanceByKey("unplannedReturn", child);
  }

  ProcessInstance reviewed(ProcessInstance instance) {
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Outreach team daily for a week; school"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed; family group conference booked"));
    return instance;
  }

  void ratify(ProcessInstance instance, String decision) {
    ProcessInstance ratification = runtime.createProcessInstanceQuery().processDefinitionKey("ratification")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    complete(task(RATIFY_DECISION, ratification), vars("ratificationDecision", decision,
        "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true,
        "ratificationReasons", "RATIFIED".equals(decision) ? "" : "The plan leaves the evenings without support"));
  }

  @Test
  void theReturnPlanAndTheFirstVisitStartTogether() {
    ProcessInstance instance = start(wentHome());

    assertThatCase(instance).isWaitingAt("completeReturnPlan", "firstHomeVisit");
    assertThat(task(COMPLETE_RETURN_PLAN, instance)).isAssignedTo("socialworker1");
    assertThat(task(FIRST_HOME_VISIT, instance).getDueDate())
        .as("a care order: within 7 days of the return date, not of the start").isEqualTo(at(2026, 3, 4, 23, 59, 59));
  }

  @Test
  void theIrosReviewIsDueTwentyDaysAfterTheReturnDateNotAfterTheStart() {
    ProcessInstance instance = start(accommodatedUnderSection20());

    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Outreach team; school nurse"));

    Task review = task(RETURN_REVIEW, instance);
    assertThat(review).isAssignedTo("iro1");
    assertThat(review.getDueDate()).isEqualTo(at(2026, 3, 17, 23, 59, 59));
    assertThat(job("Timer_ReviewOverdue", instance).getDuedate()).isEqualTo(at(2026, 3, 17, 23, 59, 59));
  }

  @Test
  void aSection20ChildOverThirteenWeeksIsVisitedWithinFourteenDaysOfTheReturn() {
    ProcessInstance instance = start(wentHome("legalStatus", "SECTION_20", "weeksAccommodated", 20,
        "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));

    assertThat(task(FIRST_HOME_VISIT, instance).getDueDate()).isEqualTo(at(2026, 3, 11, 23, 59, 59));
  }

  @Test
  void anOverdueReviewIsChasedByTheLineManagerUntilItIsHeld() {
    ProcessInstance instance = start(wentHome());
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Plan"));
    ClockUtil.setCurrentTime(at(2026, 3, 18, 8, 0));

    execute(job("Timer_ReviewOverdue", instance));

    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).startsWith("Chase Review after an unplanned return for");
    complete(chase, vars("chaseNotes", "IRO was off sick; review on Friday"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Held late"));
    assertThatCase(instance).hasPassed("EndEvent_ReviewChased", "EndEvent_ReviewHeld").isWaitingAt("CallActivity_Ratification", "firstHomeVisit");
  }

  @Test
  void aRatifiedReturnWithAVisitDoneGoesOnToSupport() {
    ProcessInstance instance = reviewed(start(accommodatedUnderSection20()));
    ratify(instance, "RATIFIED");
    assertThatCase(instance).isWaitingAt("firstHomeVisit");

    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));

    execute(job("CallActivity_OngoingSupport", instance));
    ProcessInstance support = runtime.createProcessInstanceQuery().processDefinitionKey("ongoingSupport")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));
    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "TRANSFER_TO_TEAM_AROUND_CHILD",
        "reviewNotes", "Team Around the Child to lead"));
    closeCase(instance);
    assertThatCase(instance).isEnded().hasPassed("EndEvent_CaseClosed");
    assertThat(outcome(instance)).isEqualTo("TRANSFERRED_TO_TEAM_AROUND_CHILD");
  }

  /** Salford §8: "After the first Review, chaired by the child's IRO, the Child in Need co-ordinator will subsequently review the return plan, at 6 weekly intervals". */
  @Test
  void theFirstChildInNeedReviewFallsSixWeeksAfterTheIrosReviewNotAfterSupportBegins() {
    ProcessInstance instance = start(wentHome());
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Outreach team daily for a week; school"));
    ClockUtil.setCurrentTime(at(2026, 3, 5, 11, 0));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed; family group conference booked"));
    ClockUtil.setCurrentTime(at(2026, 3, 12, 9, 0));
    ratify(instance, "RATIFIED");
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));
    execute(job("CallActivity_OngoingSupport", instance));
    ProcessInstance support = sub("ongoingSupport", instance);
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));

    assertThat(task(SUPPORT_REVIEW, support).getDueDate()).as("6 weeks after the review of 5 March")
        .isEqualTo(at(2026, 4, 16, 23, 59, 59));
  }

  @Test
  void aVisitDoneBeforeTheReviewWaitsForRatificationBeforeSupport() {
    ProcessInstance instance = start(wentHome());
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));

    assertThatCase(instance).isWaitingAt("completeReturnPlan");
    reviewed(instance);
    ratify(instance, "RATIFIED");
    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");
  }

  /** Salford §6–§7: the child is already home, so a refusal leaves the case open for the service managers. */
  @Test
  void aReturnNotRatifiedLeavesTheFirstVisitOpenAndTheNextStepsWithTheServiceManagers() {
    ProcessInstance instance = reviewed(start(wentHome()));

    ratify(instance, "NOT_RATIFIED");

    assertThatCase(instance).isNotEnded().isWaitingAt("decideNextSteps", "firstHomeVisit");
    assertThat(task(DECIDE_NEXT_STEPS, instance)).hasCandidateGroup("servicemanagers");
  }

  /**
   * Least privilege: the service managers read the case while the next steps are theirs to take;
   * once one of them has taken them, that person keeps reading the case and the group does not.
   */
  @Test
  void theServiceManagersReadTheCaseOnlyWhileTheNextStepsAreOpenAndTheOneWhoTookThemKeepsIt() {
    ProcessInstance instance = reviewed(start(wentHome()));
    ratify(instance, "NOT_RATIFIED");
    org.camunda.bpm.engine.AuthorizationService grants = engine.getAuthorizationService();
    java.util.function.Supplier<Long> groupGrants = () -> grants.createAuthorizationQuery().groupIdIn("servicemanagers")
        .resourceId(instance.getId()).count();
    assertThat(groupGrants.get()).as("runtime and history, while the task is offered").isEqualTo(2);

    org.camunda.bpm.engine.task.Task next = task(DECIDE_NEXT_STEPS, instance);
    tasks.claim(next.getId(), "servicemanager1");
    complete(next, vars("nextSteps", "LEGAL_PLANNING", "nextStepsNotes", "Legal planning meeting booked"));

    assertThat(groupGrants.get()).isZero();
    assertThat(grants.createAuthorizationQuery().userIdIn("servicemanager1").resourceId(instance.getId()).count())
        .isEqualTo(2);
  }

  @Test
  void theServiceManagersMayHaveThePlanRevisedAndPutToTheNominatedOfficerAgain() {
    ProcessInstance instance = reviewed(start(wentHome()));
    ratify(instance, "NOT_RATIFIED");

    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "REVISE_AND_RESUBMIT",
        "nextStepsNotes", "Plan needs a named adult for after-school care"));
    ProcessInstance revision = sub("planRevision", instance);
    assertThat(task(REVISE_PLAN, revision)).isAssignedTo("socialworker1");
    assertThat(task(REVISE_PLAN, revision).getDueDate()).as("10 working days after Monday 2 March")
        .isEqualTo(at(2026, 3, 16, 23, 59, 59));
    assertThat(caseVariable(revision, "revisionReason")).isEqualTo("Plan needs a named adult for after-school care");
    complete(task(REVISE_PLAN, revision), vars("returnPlan", "Grandmother collects from school daily",
        "planChangeReason", "Named adult for after school"));

    assertThat(caseVariable(instance, "returnPlan")).isEqualTo("Grandmother collects from school daily");
    assertThat(caseVariable(instance, "planChangeReason")).isEqualTo("Named adult for after school");
    ratify(instance, "RATIFIED");
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));
    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");
  }

  /**
   * Salford §7: legal planning is a step, not a label: the service managers record the meeting's
   * decision within 10 working days, chased by the Head of Service, and the return goes to the
   * nominated officer again with the legal plan, while support goes on.
   */
  @Test
  void legalPlanningIsHeldAndRecordedAndTheReturnIsPutToTheNominatedOfficerAgain() {
    ProcessInstance instance = reviewed(start(wentHome()));
    ratify(instance, "NOT_RATIFIED");
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));

    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "LEGAL_PLANNING",
        "nextStepsNotes", "Legal planning meeting booked; support continues meanwhile"));

    Task legal = task(RECORD_LEGAL_PLANNING, instance);
    assertThat(legal).hasCandidateGroup("servicemanagers");
    assertThat(legal.getDueDate()).as("10 working days after Monday 2 March").isEqualTo(at(2026, 3, 16, 23, 59, 59));
    assertThatCase(instance).isWaitingAt("recordLegalPlanning", "CallActivity_OngoingSupport");
    ClockUtil.setCurrentTime(at(2026, 3, 17, 9, 0));
    execute(job("Timer_LegalPlanningOverdue", instance));
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
    assertThat(chase).as("the service managers' own work is chased by the Head of Service").hasCandidateGroup("headofservice");
    assertThat(tasks.getVariable(chase.getId(), "overdueSince")).isEqualTo("2026-03-16");

    complete(legal, vars("legalPlanningOutcome", "PRE_PROCEEDINGS",
        "legalPlanningNotes", "Letter before proceedings; support plan strengthened"));
    assertThat(sub("ratification", instance)).as("the nominated officer is asked again").isNotNull();
    ratify(instance, "RATIFIED");
    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");
  }

  /** Salford §7: the service managers' decision after a refusal is due in 5 working days and chased. */
  @Test
  void theNextStepsAreDueInFiveWorkingDaysAndAnOverdueDecisionIsChasedByTheHeadOfService() {
    ProcessInstance instance = reviewed(start(wentHome()));
    ratify(instance, "NOT_RATIFIED");

    assertThat(task(DECIDE_NEXT_STEPS, instance).getDueDate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));
    ClockUtil.setCurrentTime(at(2026, 3, 10, 9, 0));
    execute(job("Timer_NextStepsOverdue", instance));
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
    assertThat(chase).hasCandidateGroup("headofservice");
    assertThat(chase.getName()).startsWith("Chase Next steps after a refused ratification for");

    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "RETURN_TO_CARE", "nextStepsNotes", "Foster care"));
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).count()).as("the chase ends with the decision").isZero();
  }

  /** Salford §7 sets no limit; the service's is two resubmissions, then legal planning or a return to care. */
  @Test
  void aPlanRefusedThreeTimesIsNotResubmittedAgain() {
    ProcessInstance instance = reviewed(start(wentHome()));
    for (int refusal = 1; refusal <= 2; refusal++) {
      ratify(instance, "NOT_RATIFIED");
      complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "REVISE_AND_RESUBMIT",
          "nextStepsNotes", "Revise: refusal " + refusal));
      ProcessInstance revision = sub("planRevision", instance);
      complete(task(REVISE_PLAN, revision), vars("returnPlan", "Plan, revision " + refusal,
          "planChangeReason", "Refusal " + refusal));
    }
    ratify(instance, "NOT_RATIFIED");

    assertThatThrownBy(() -> tasks.complete(task(DECIDE_NEXT_STEPS, instance).getId(), vars(
        "nextSteps", "REVISE_AND_RESUBMIT", "nextStepsNotes", "Once more")))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("revised and refused 2 times already");
    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "LEGAL_PLANNING", "nextStepsNotes", "Legal planning"));
    assertThatCase(instance).isWaitingAt("recordLegalPlanning");
  }

  /** A decision is not a removal: the case, its visits and its work go on until the child is recorded back in care. */
  @Test
  void aDecisionToReturnTheChildToCareKeepsTheCaseOpenUntilTheSocialWorkerRecordsTheDayTheyWentBack() {
    ProcessInstance instance = reviewed(start(wentHome()));
    ratify(instance, "NOT_RATIFIED");

    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "RETURN_TO_CARE",
        "nextStepsNotes", "Mother agrees to accommodation under section 20"));

    assertThatCase(instance).isWaitingAt("recordReturnToCare", "firstHomeVisit");
    assertThat(task(RECORD_RETURN_TO_CARE, instance)).isAssignedTo("socialworker1");
    assertThat(task(RECORD_RETURN_TO_CARE, instance).getDueDate()).as("5 working days after the decision, Monday 2 March")
        .isEqualTo(at(2026, 3, 9, 23, 59, 59));
    assertThatThrownBy(() -> tasks.complete(task(RECORD_RETURN_TO_CARE, instance).getId(), vars(
        "returnToCareOutcome", "RETURNED_TO_CARE", "returnToCareNotes", "Placed with foster carers")))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'returnedToCareOn' is required");

    ClockUtil.setCurrentTime(at(2026, 3, 10, 9, 0));
    execute(job("Timer_ReturnToCareOverdue", instance));
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(tasks.getVariable(chase.getId(), "overdueSince")).isEqualTo("2026-03-09");

    complete(task(RECORD_RETURN_TO_CARE, instance), vars("returnToCareOutcome", "RETURNED_TO_CARE",
        "returnedToCareOn", "2026-03-10", "returnToCareNotes", "Placed with foster carers; mother agreed"));
    assertThatCase(instance).isEnded().hasPassed("EndEvent_ReturnedToCareNotRatified");
    assertThat(outcome(instance)).isEqualTo("RETURNED_TO_CARE");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).count()).isZero();
  }

  /** Children Act 1989 s20(7)-(8): a parent may refuse; then the child is still at home and the service managers decide again. */
  @Test
  void aChildWhoStayedAtHomeGoesBackToTheServiceManagersWithVisitsGoingOn() {
    ProcessInstance instance = reviewed(start(wentHome()));
    ratify(instance, "NOT_RATIFIED");
    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "RETURN_TO_CARE",
        "nextStepsNotes", "Return to foster care advised"));

    complete(task(RECORD_RETURN_TO_CARE, instance), vars("returnToCareOutcome", "STAYED_AT_HOME",
        "returnToCareNotes", "Mother will not agree to accommodation; no order sought yet"));

    assertThatCase(instance).isWaitingAt("decideNextSteps", "firstHomeVisit").isNotEnded();
    complete(task(DECIDE_NEXT_STEPS, instance), vars("nextSteps", "LEGAL_PLANNING",
        "nextStepsNotes", "Legal planning meeting"));
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));
    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");
  }

  /** Salford §8: once the urgent plan is written the child is on a return plan, so support begins before any ratification. */
  @Test
  void aSection20ChildsSupportBeginsWithTheUrgentPlanAndGoesOnAfterARefusedRatification() {
    ProcessInstance instance = start(accommodatedUnderSection20());
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Outreach team daily for a week; school"));

    execute(job("CallActivity_OngoingSupport", instance));
    ProcessInstance support = runtime.createProcessInstanceQuery().processDefinitionKey("ongoingSupport")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    assertThat(task(RECORD_WEEKLY_PROGRESS, support)).isAssignedTo("socialworker1");
    assertThat(task(RECORD_WEEKLY_PROGRESS, support).getDueDate()).as("a week after support starts on 2 March")
        .isEqualTo(at(2026, 3, 9, 23, 59, 59));
    assertThat(task(ALLOCATE_CIN_COORDINATOR, support)).isAssignedTo("iro1");
    assertThat(caseVariable(support, "returnPlan")).isEqualTo("Outreach team daily for a week; school");

    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed"));
    ratify(instance, "NOT_RATIFIED");
    assertThat(task(DECIDE_NEXT_STEPS, instance)).isNotNull();
    assertThatCase(support).as("support goes on while the service managers decide").isWaitingAt("recordWeeklyProgress");
  }

  /** The case closes only once support has ended with the child at home and the return is ratified and visited. */
  @Test
  void supportThatEndsBeforeTheRatificationWaitsForItBeforeTheCaseCloses() {
    ProcessInstance instance = start(accommodatedUnderSection20());
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Outreach team; school"));
    execute(job("CallActivity_OngoingSupport", instance));
    ProcessInstance support = runtime.createProcessInstanceQuery().processDefinitionKey("ongoingSupport")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));
    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "STEP_DOWN_TO_UNIVERSAL",
        "reviewNotes", "Settled; universal services enough"));

    assertThatCase(support).isEnded();
    assertThatCase(instance).as("not closed while the return is unreviewed and unratified").isNotEnded()
        .isWaitingAt("returnReview", "firstHomeVisit");
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed"));
    ratify(instance, "RATIFIED");
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));
    assertThatCase(instance).isWaitingAt("CallActivity_CloseCase");
  }

  /** Salford §6: the review's clock starts with the case, whether or not the plan is ever written. */
  @Test
  void aPlanNeverCompletedStillHasItsReviewFromTheStartAndItsChaseAtDayTwenty() {
    ProcessInstance instance = start(accommodatedUnderSection20());

    assertThatCase(instance).isWaitingAt("completeReturnPlan", "returnReview", "firstHomeVisit");
    assertThat(task(RETURN_REVIEW, instance).getDueDate()).isEqualTo(at(2026, 3, 17, 23, 59, 59));
    assertThat(task(COMPLETE_RETURN_PLAN, instance).getDueDate()).as("the plan is due no later than the review")
        .isEqualTo(at(2026, 3, 17, 23, 59, 59));

    ClockUtil.setCurrentTime(at(2026, 3, 18, 8, 0));
    execute(job("Timer_ReviewOverdue", instance));
    execute(job("Timer_UrgentPlanOverdue", instance));

    List<Task> chases = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork")
        .processInstanceBusinessKey(instance.getBusinessKey()).orderByTaskName().asc().list();
    assertThat(chases).extracting(Task::getName).containsExactly(
        "Chase Review after an unplanned return for Test Child " + instance.getBusinessKey(),
        "Chase Urgent return plan for Test Child " + instance.getBusinessKey());
    assertThat(chases).allMatch(chase -> "linemanager1".equals(chase.getAssignee()));
    chases.forEach(chase -> tasks.complete(chase.getId(), vars("chaseNotes", "Spoken to the social worker and the IRO")));
    assertThatCase(instance).hasPassed("EndEvent_UrgentPlanChased").isWaitingAt("completeReturnPlan", "returnReview");
  }

  @Test
  void aYoungPersonLeavingCareMustBeSixteenOrSeventeen() {
    assertThatThrownBy(() -> start(wentHome("legalStatus", "SECTION_20", "returnReason", "YOUNG_PERSON_LEFT",
        "dateOfBirth", "2016-01-10"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageStartingWith("'returnReason' YOUNG_PERSON_LEFT is for a young person aged 16 or 17");
    assertThat(start(wentHome("legalStatus", "SECTION_20", "returnReason", "YOUNG_PERSON_LEFT",
        "dateOfBirth", "2009-02-25"))).as("17 on the day of the return").isNotNull();
  }

  @Test
  void onlyASection20ChildCanBeRemovedByAParent() {
    assertThatThrownBy(() -> start(wentHome("returnReason", "PARENT_REMOVED_FROM_SECTION_20")))
        .isInstanceOf(CaseInputRefused.class)
        .hasMessageStartingWith("'returnReason' PARENT_REMOVED_FROM_SECTION_20 is for a child accommodated under section 20");
  }

  @Test
  void aShortSection20StayNeedsNoFirstVisit() {
    ProcessInstance instance = start(wentHome("legalStatus", "SECTION_20", "weeksAccommodated", 4,
        "returnReason", "YOUNG_PERSON_LEFT", "dateOfBirth", "2009-06-01"));

    assertThatCase(instance).isWaitingAt("completeReturnPlan").hasPassed("Gateway_VisitDone").hasNotPassed("firstHomeVisit");
  }

  @Test
  void anUnsafeVisitOpensAWelfareConcernAndAnOverdueVisitIsChased() {
    ProcessInstance instance = start(wentHome());
    ClockUtil.setCurrentTime(at(2026, 3, 5, 8, 0));
    execute(job("Timer_FirstVisitOverdue", instance));
    Task chase = tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
    complete(chase, vars("chaseNotes", "Visit booked for today"));

    complete(task(FIRST_HOME_VISIT, instance), visitReport(false));
    execute(job("ServiceTask_OpenVisitConcern", instance));

    ProcessInstance concern = runtime.createProcessInstanceQuery().processDefinitionKey("welfareConcern")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    assertThat(task(REVIEW_WELFARE_CONCERN, concern)).isAssignedTo("linemanager1");
    assertThatCase(instance).hasPassed("EndEvent_FirstVisitChased", "Gateway_VisitDone").isWaitingAt("completeReturnPlan");
  }

  @Test
  void aStartWithoutAReturnDateOrWithAnUnknownReasonIsRefused() {
    Map<String, Object> noDate = wentHome();
    noDate.remove("returnDate");
    assertThatThrownBy(() -> start(noDate)).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'returnDate' is required");
    assertThatThrownBy(() -> start(wentHome("returnReason", "HOLIDAY"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'returnReason' must be one of PARENT_REMOVED_FROM_SECTION_20, PLACEMENT_BREAKDOWN, YOUNG_PERSON_LEFT");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("unplannedReturn")
        .processInstanceBusinessKey(noDate.get("childId").toString()).count()).isZero();
  }

  @Test
  void aChildWithAnActivePlannedReturnCannotAlsoHaveAnUnplannedOne() {
    Map<String, Object> child = wentHome();
    Map<String, Object> planned = new java.util.HashMap<>(child);
    planned.keySet().retainAll(CaseStart.PLANNED_RETURN.variables());
    runtime.startProcessInstanceByKey("plannedReturn", planned);

    assertThatThrownBy(() -> start(child)).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("already has an active return home");
  }
}
