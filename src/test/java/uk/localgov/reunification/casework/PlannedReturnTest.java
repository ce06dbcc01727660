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

import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uk.localgov.reunification.ApplicationTest;

/** Salford §2–§5 and §7: a planned return home, walked along every path. */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlannedReturnTest extends ProcessTest {

  @org.springframework.beans.factory.annotation.Autowired
  uk.localgov.reunification.chronology.CaseChronology chronology;

  @BeforeEach
  void onAFixedDay() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9, 0));
  }

  ProcessInstance start(Map<String, Object> variables) {
    return runtime.startProcessInstanceByKey("plannedReturn", variables);
  }

  Map<String, Object> newChild(Object... changes) {
    return with(careOrderChild(newChildId("PR-")), changes);
  }

  /** Assessment, plan and a review that says proceed: the case waits for ratification. */
  ProcessInstance reviewedAndProceeding(Map<String, Object> child) {
    ProcessInstance instance = start(child);
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother has engaged with parenting work"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Family support twice weekly; school nurse"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    return instance;
  }

  Task ratificationTask(ProcessInstance instance) {
    ProcessInstance ratification = runtime.createProcessInstanceQuery().processDefinitionKey("ratification")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    return task(RATIFY_DECISION, ratification);
  }

  void ratify(ProcessInstance instance) {
    complete(ratificationTask(instance), vars("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", false));
  }

  @Test
  void aSocialWorkerAssessesPlansAndTheIroReviewsBeforeTheReturn() {
    ProcessInstance instance = start(newChild());

    assertThatCase(instance).isWaitingAt("completeAssessment");
    assertThat(task(COMPLETE_ASSESSMENT, instance)).isAssignedTo("socialworker1");
    assertThat(instance.getBusinessKey()).isEqualTo(caseVariable(instance, "childId"));
    assertThat(caseVariable(instance, "team")).isEqualTo("teamnorth");

    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Strengths: extended family nearby"));
    assertThat(task(COMPILE_RETURN_PLAN, instance)).isAssignedTo("socialworker1");
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Family support; CAMHS; school"));
    assertThat(task(PRE_RETURN_REVIEW, instance)).isAssignedTo("iro1");
  }

  @Test
  void theIroCanSendThePlanBackForRevision() {
    ProcessInstance instance = start(newChild());
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Assessment"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "First draft"));

    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "REVISE_PLAN",
        "reviewReasons", "The plan does not say who supports the parent in the evenings"));

    assertThatCase(instance).isWaitingAt("compileReturnPlan");
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Revised: adds family group conference"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    assertThatCase(instance).isWaitingAt("CallActivity_Ratification");
  }

  @Test
  void aReturnTheIroDoesNotSupportEndsTheCase() {
    ProcessInstance instance = start(newChild());
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Assessment"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Plan"));

    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "RETURN_NOT_SUPPORTED",
        "reviewReasons", "The risks found at assessment are not yet reduced"));

    assertThatCase(instance).isEnded().hasPassed("EndEvent_ReturnNotSupported");
    assertThat(outcome(instance)).isEqualTo("RETURN_NOT_SUPPORTED");
  }

  @Test
  void aReturnTheNominatedOfficerDoesNotRatifyEndsTheCase() {
    ProcessInstance instance = reviewedAndProceeding(newChild());

    complete(ratificationTask(instance), vars("ratificationDecision", "NOT_RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", false, "carersConsulted", false,
        "ratificationReasons", "Relatives and carers have not been heard"));

    assertThatCase(instance).isEnded().hasPassed("EndEvent_NotRatified");
    assertThat(outcome(instance)).isEqualTo("NOT_RATIFIED");
  }

  @Test
  void aChildBackInCareAtAChildInNeedReviewEndsTheCaseWithNoClosureAndNoFollowUp() {
    ProcessInstance instance = reviewedAndProceeding(newChild("legalStatus", "CARE_ORDER"));
    ratify(instance);
    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", "2026-03-02"));
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));
    execute(job("CallActivity_OngoingSupport", instance));
    ProcessInstance support = sub("ongoingSupport", instance);
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "RETURNED_TO_CARE",
        "reviewNotes", "Police protection at the weekend; placed with foster carers"));

    assertThatCase(instance).isEnded().hasPassed("EndEvent_SupportEnded").hasNotPassed("CallActivity_CloseCase");
    assertThat(outcome(instance)).isEqualTo("RETURNED_TO_CARE");
    assertThat(sub("caseFollowUp", instance)).as("a child back in care is not followed up at home").isNull();
  }

  @Test
  void aChildOnACareOrderIsVisitedWithinSevenDaysOfTheReturnThenSupported() {
    ProcessInstance instance = reviewedAndProceeding(newChild("legalStatus", "CARE_ORDER"));
    ratify(instance);
    assertThat(task(CONFIRM_RETURN_HOME, instance)).isAssignedTo("socialworker1");

    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", "2026-03-02"));

    Task visit = task(FIRST_HOME_VISIT, instance);
    assertThat(visit).isAssignedTo("socialworker1");
    assertThat(visit.getDueDate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));
    assertThat(job("Timer_FirstVisitOverdue", instance).getDuedate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));

    complete(visit, visitReport(true));

    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");
    execute(job("CallActivity_OngoingSupport", instance));
    ProcessInstance support = runtime.createProcessInstanceQuery().processDefinitionKey("ongoingSupport")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));
    // a care order ends only when the court discharges it (Children Act 1989 s39); then support may step down
    runtime.createMessageCorrelation("CareOrderDischarged").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("dischargeDate", "2026-03-02").correlateWithResult();
    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "STEP_DOWN_TO_UNIVERSAL",
        "reviewNotes", "Settled at home; school and health visitor in place"));
    assertThat(outcome(instance)).as("the outcome is known once support ends").isEqualTo("STEPPED_DOWN_TO_UNIVERSAL");
    closeCase(instance);
    assertThatCase(instance).isEnded().hasPassed("EndEvent_CaseClosed");
    assertThat(outcome(instance)).isEqualTo("STEPPED_DOWN_TO_UNIVERSAL");
  }

  @Test
  void aChildOnAnInterimCareOrderIsAlsoVisitedWithinSevenDays() {
    ProcessInstance instance = returnedHome(newChild("legalStatus", "INTERIM_CARE_ORDER"), "2026-03-02");

    assertThat(task(FIRST_HOME_VISIT, instance).getDueDate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));
  }

  @Test
  void aSection20ChildAccommodatedThirteenWeeksIsVisitedWithinFourteenDays() {
    ProcessInstance instance = returnedHome(
        newChild("legalStatus", "SECTION_20", "weeksAccommodated", 13, "eligibleChild", false), "2026-03-02");

    assertThat(task(FIRST_HOME_VISIT, instance).getDueDate()).isEqualTo(at(2026, 3, 16, 23, 59, 59));
  }

  @Test
  void anEligibleChildGetsLeavingCareSupportInsteadOfAFirstVisit() {
    ProcessInstance instance = returnedHome(
        newChild("legalStatus", "SECTION_20", "weeksAccommodated", 40, "eligibleChild", true), "2026-03-02");

    assertThatCase(instance).hasNotPassed("firstHomeVisit").isWaitingAt("CallActivity_OngoingSupport");
  }

  @Test
  void aSection20ChildAccommodatedUnderThirteenWeeksNeedsNoFirstVisit() {
    ProcessInstance instance = returnedHome(
        newChild("legalStatus", "SECTION_20", "weeksAccommodated", 12, "eligibleChild", false), "2026-03-02");

    assertThatCase(instance).hasNotPassed("firstHomeVisit").isWaitingAt("CallActivity_OngoingSupport");
  }

  @Test
  void anOverdueFirstVisitIsChasedByTheSocialWorkersLineManagerUntilItIsDone() {
    Map<String, Object> child = newChild("childName", "Riley Example");
    ProcessInstance instance = returnedHome(child, "2026-03-02");
    assertThat(tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork")
        .processInstanceBusinessKey(instance.getBusinessKey()).count()).isZero();

    ClockUtil.setCurrentTime(at(2026, 3, 10, 0, 0));
    execute(job("Timer_FirstVisitOverdue", instance));

    Task chase = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    assertThat(chase).isNotNull();
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).isEqualTo("Chase First home visit for Riley Example");
    assertThat(tasks.getVariable(chase.getId(), "overdueSince")).isEqualTo("2026-03-09");
    assertThat(task(FIRST_HOME_VISIT, instance)).isNotNull();

    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));

    assertThat(tasks.createTaskQuery().taskId(chase.getId()).count()).isZero();
    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");
  }

  /** Service standard for Salford §7: a ratified return still unrecorded 14 days later is chased. */
  @Test
  void aRatifiedReturnNotRecordedWithinFourteenDaysIsChasedUntilTheSocialWorkerRecordsIt() {
    ProcessInstance instance = reviewedAndProceeding(newChild("childName", "Riley Example"));
    ratify(instance);
    assertThat(task(CONFIRM_RETURN_HOME, instance)).isAssignedTo("socialworker1");
    assertThat(task(CONFIRM_RETURN_HOME, instance).getDueDate()).isEqualTo(at(2026, 3, 16, 23, 59, 59));

    ClockUtil.setCurrentTime(at(2026, 3, 17, 9, 0));
    execute(job("Timer_ReturnHomeOverdue", instance));

    Task chase = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).isEqualTo("Chase Return home after ratification for Riley Example");
    assertThat(tasks.getVariable(chase.getId(), "overdueSince")).isEqualTo("2026-03-16");

    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", "2026-03-16"));
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).count()).as("the chase ends with the record").isZero();
    assertThat(task(FIRST_HOME_VISIT, instance).getDueDate()).as("the visit counted from the day the child went home")
        .isEqualTo(at(2026, 3, 23, 23, 59, 59));
  }

  @Test
  void aChaseTheLineManagerClosesLeavesTheVisitOpen() {
    ProcessInstance instance = returnedHome(newChild(), "2026-03-02");
    ClockUtil.setCurrentTime(at(2026, 3, 12, 0, 0));
    execute(job("Timer_FirstVisitOverdue", instance));
    Task chase = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();

    complete(chase, vars("chaseNotes", "Agreed the visit will happen tomorrow"));

    assertThatCase(instance).isWaitingAt("firstHomeVisit");
    complete(task(FIRST_HOME_VISIT, instance), visitReport(true));
    assertThatCase(instance).hasPassed("EndEvent_VisitRecorded");
  }

  @Test
  void aVisitThatFindsTheChildUnsafeReachesTheLineManagerWhileSupportCarriesOn() {
    ProcessInstance instance = returnedHome(newChild(), "2026-03-02");

    complete(task(FIRST_HOME_VISIT, instance), visitReport(false));
    execute(job("ServiceTask_OpenVisitConcern", instance));

    ProcessInstance concern = runtime.createProcessInstanceQuery().processDefinitionKey("welfareConcern")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    assertThat(concern).isNotNull();
    assertThat(task(REVIEW_WELFARE_CONCERN, concern)).isAssignedTo("linemanager1");
    assertThat(caseVariable(concern, "concernDetails").toString())
        .startsWith("Raised at the first home visit on 2026-03-02 (child seen alone: yes)");
    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");
  }

  @Test
  void aCaseInTeamSouthReachesTeamSouthsLineManager() {
    ProcessInstance instance = returnedHome(newChild("socialWorker", "socialworker3"), "2026-03-02");

    complete(task(FIRST_HOME_VISIT, instance), visitReport(false));
    execute(job("ServiceTask_OpenVisitConcern", instance));

    ProcessInstance concern = runtime.createProcessInstanceQuery().processDefinitionKey("welfareConcern")
        .processInstanceBusinessKey(instance.getBusinessKey()).singleResult();
    assertThat(task(REVIEW_WELFARE_CONCERN, concern)).isAssignedTo("linemanager2");
  }

  @Test
  void aFirstVisitWithoutItsReportIsRefusedAndStaysOpen() {
    ProcessInstance instance = returnedHome(newChild(), "2026-03-02");
    Task visit = task(FIRST_HOME_VISIT, instance);

    assertThatThrownBy(() -> tasks.complete(visit.getId(), vars("visitDate", "2026-03-02", "childSeenAlone", true,
        "childWishesAndFeelings", "Happy to be home", "welfareSafeguarded", true)))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'parentView' is required");

    assertThatCase(instance).isWaitingAt("firstHomeVisit");
  }

  /**
   * Salford §5; reg 17(d): the IRO's review is a Part 6 review of the case before the child is placed
   * with a parent, and whoever reads it later needs its reasons, whatever the outcome.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"PROCEED", "REVISE_PLAN", "RETURN_NOT_SUPPORTED"})
  void theIrosReviewWithoutItsReasonsIsRefusedWhateverTheOutcome(String outcome) {
    ProcessInstance instance = start(newChild());
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Assessment"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Plan"));
    Task review = task(PRE_RETURN_REVIEW, instance);

    assertThatThrownBy(() -> tasks.complete(review.getId(), vars("reviewOutcome", outcome)))
        .isInstanceOf(CaseInputRefused.class).hasMessage("'reviewReasons' is required");
    assertThatThrownBy(() -> tasks.complete(review.getId(), vars("reviewOutcome", outcome, "reviewReasons", "  ")))
        .isInstanceOf(CaseInputRefused.class).hasMessage("'reviewReasons' is required");

    assertThatCase(instance).isWaitingAt("preReturnReview");
  }

  /**
   * The case's record keeps what later readers need: the IRO's reasons, and whether the child was
   * seen alone at the first visit (under a court order the first reg 28 visit; reg 29), each under
   * the words its form asks for it in.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theIrosReasonsAndWhetherTheChildWasSeenAloneAreOnTheCasesRecord() {
    ProcessInstance instance = start(newChild());
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Assessment"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Plan"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED", "reviewReasons",
        "Considered the plan, the school's report and the child's wish to go home; support is named for each risk"));
    ratify(instance);
    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", "2026-03-02"));
    complete(task(FIRST_HOME_VISIT, instance), with(visitReport(true), "childSeenAlone", false,
        "childWishesAndFeelings", "Aged 4: seen with mother, too young to be spoken to alone; glad to be home"));

    Map<String, Object> record = chronology.of(instance.getBusinessKey());
    var entries = (java.util.List<uk.localgov.reunification.chronology.CaseChronology.Entry>) record.get("entries");
    assertThat(entries).filteredOn(entry -> "preReturnReview".equals(entry.taskKey())).singleElement()
        .satisfies(review -> assertThat(review.values()).containsEntry("reviewOutcome", "PROCEED").containsEntry(
            "reviewReasons", "Considered the plan, the school's report and the child's wish to go home; support is named"
                + " for each risk"));
    assertThat(entries).filteredOn(entry -> "firstHomeVisit".equals(entry.taskKey())).singleElement()
        .satisfies(visit -> assertThat(visit.values()).containsEntry("childSeenAlone", false));
    Map<String, String> labels = (Map<String, String>) ((Map<String, Object>) record.get("words")).get("labels");
    assertThat(labels).containsEntry("reviewReasons", "Reasons, and what the review considered")
        .containsEntry("childSeenAlone", "I saw the child alone");
  }

  /** Reg 28–29: the first visit says whether the child was seen alone, as every statutory visit does. */
  @Test
  void aFirstVisitThatDoesNotSayWhetherTheChildWasSeenAloneIsRefused() {
    ProcessInstance instance = returnedHome(newChild(), "2026-03-02");
    Map<String, Object> report = visitReport(true);
    report.remove("childSeenAlone");

    assertThatThrownBy(() -> tasks.complete(task(FIRST_HOME_VISIT, instance).getId(), report))
        .isInstanceOf(CaseInputRefused.class).hasMessage("'childSeenAlone' is required (true or false)");

    assertThatCase(instance).isWaitingAt("firstHomeVisit");
  }

  /** Salford §7: the child goes home once the return is ratified, not before. */
  @Test
  void aReturnDateBeforeTheRatificationIsRefused() {
    ProcessInstance instance = reviewedAndProceeding(newChild());
    ratify(instance);

    assertThatThrownBy(() -> tasks.complete(task(CONFIRM_RETURN_HOME, instance).getId(), vars("returnDate", "2026-03-01")))
        .isInstanceOf(CaseInputRefused.class)
        .hasMessage("'returnDate' must not be before the return was ratified on 2026-03-02 (was 2026-03-01)");
    assertThatCase(instance).isWaitingAt("confirmReturnHome");
  }

  /** Salford §3–§4: a home visit is after the child went home, and not in the future. */
  @Test
  void aVisitDatedBeforeTheReturnOrInTheFutureIsRefused() {
    ProcessInstance instance = returnedHome(newChild(), "2026-03-02");
    Task visit = task(FIRST_HOME_VISIT, instance);

    assertThatThrownBy(() -> tasks.complete(visit.getId(), with(visitReport(true), "visitDate", "2026-02-27")))
        .isInstanceOf(CaseInputRefused.class)
        .hasMessage("'visitDate' must not be before the child went home on 2026-03-02 (was 2026-02-27)");
    assertThatThrownBy(() -> tasks.complete(visit.getId(), with(visitReport(true), "visitDate", "2026-03-03")))
        .isInstanceOf(CaseInputRefused.class).hasMessage("'visitDate' must not be in the future (was 2026-03-03)");
    assertThatCase(instance).isWaitingAt("firstHomeVisit");
  }

  ProcessInstance returnedHome(Map<String, Object> child, String returnDate) {
    ProcessInstance instance = reviewedAndProceeding(child);
    ratify(instance);
    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", returnDate));
    return instance;
  }

  static Map<String, Object> visitReport(boolean welfareSafeguarded) {
    return vars("visitDate", "2026-03-02", "childWishesAndFeelings", "Glad to be home, misses foster carer's dog",
        "parentView", "Routines are settling; older brother finds the change hard",
        "furtherSupportNeeded", "Parenting support from the Children's Centre",
        "welfareSafeguarded", welfareSafeguarded, "childSeenAlone", true);
  }

}
