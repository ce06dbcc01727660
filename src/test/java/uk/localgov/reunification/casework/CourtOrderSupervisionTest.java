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

import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.localgov.reunification.ApplicationTest;

/**
 * While a child lives at home under a care order or an interim care order, the Care Planning,
 * Placement and Case Review (England) Regulations 2010 keep the child looked after: the social
 * worker visits at the intervals of reg 28, the IRO reviews the case at those of reg 33, each is
 * chased once overdue, and only the court's discharge (Children Act 1989 s39) ends them.
 */
@ApplicationTest
class CourtOrderSupervisionTest extends ProcessTest {

  @org.springframework.beans.factory.annotation.Autowired
  uk.localgov.reunification.chronology.CaseChronology chronology;

  @BeforeEach
  void onMondayTheSecondOfMarch() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9, 0));
  }

  /** A planned return: assessed, planned, reviewed, ratified, home on returnDate and visited the same day. */
  ProcessInstance homeAfterAPlannedReturn(String legalStatus, String returnDate) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn",
        with(careOrderChild(newChildId("CO-")), "legalStatus", legalStatus));
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother has engaged with parenting work"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Family support twice weekly; school nurse"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    complete(task(RATIFY_DECISION, sub("ratification", instance)), vars("ratificationDecision", "RATIFIED",
        "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", returnDate));
    complete(task(FIRST_HOME_VISIT, instance), vars("visitDate", returnDate, "childWishesAndFeelings", "Glad to be home",
        "parentView", "Routines are settling", "welfareSafeguarded", true, "childSeenAlone", true));
    return instance;
  }

  /** An unplanned return on returnDate (a placement breakdown), visited the same day. */
  ProcessInstance homeAfterAnUnplannedReturn(String legalStatus, String returnDate) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
        "legalStatus", legalStatus, "returnDate", returnDate, "returnReason", "PLACEMENT_BREAKDOWN"));
    complete(task(FIRST_HOME_VISIT, instance), vars("visitDate", returnDate, "childWishesAndFeelings", "Wants to stay",
        "parentView", "Relieved", "welfareSafeguarded", true, "childSeenAlone", true));
    return instance;
  }

  ProcessInstance home(String process, String legalStatus, String returnDate) {
    return "plannedReturn".equals(process) ? homeAfterAPlannedReturn(legalStatus, returnDate)
        : homeAfterAnUnplannedReturn(legalStatus, returnDate);
  }

  /**
   * Reg 19: a child in care who went home unplanned is placed before the assessment, so it is due
   * within 10 working days of the return (reg 19(b)); the placement plan within 5 (reg 9(2)), signed
   * by the parent (reg 9(3)). Each is the social worker's, chased by the line manager once overdue.
   */
  @Test
  void aChildInCareWhoWentHomeUnplannedHasTheAssessmentAndThePlacementPlanTheRegulationsRequire() {
    // home on Wednesday 25 February 2026
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
        "legalStatus", "INTERIM_CARE_ORDER", "returnDate", "2026-02-25", "returnReason", "PLACEMENT_BREAKDOWN"));

    Task assessment = task(ASSESS_PLACEMENT_WITH_PARENT, instance);
    assertThat(assessment).isAssignedTo("socialworker1");
    assertThat(assessment.getDueDate()).as("10 working days after 25 February").isEqualTo(at(2026, 3, 11, 23, 59, 59));
    Task plan = task(RECORD_PLACEMENT_PLAN, instance);
    assertThat(plan).isAssignedTo("socialworker1");
    assertThat(plan.getDueDate()).as("5 working days after 25 February").isEqualTo(at(2026, 3, 4, 23, 59, 59));

    ClockUtil.setCurrentTime(at(2026, 3, 5, 9, 0));
    execute(job("Timer_PlacementPlanOverdue", instance));
    assertThat(chaseOf(instance)).isAssignedTo("linemanager1");
    assertThat(tasks.getVariable(chaseOf(instance).getId(), "overdueSince")).isEqualTo("2026-03-04");
    assertThatThrownBy(() -> tasks.complete(plan.getId(), vars("placementPlan", "Support for mother; contact; school",
        "placementPlanSigned", false))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'placementPlanNotSignedReason' is required");
    complete(plan, vars("placementPlan", "Support for mother; contact; school", "placementPlanSigned", true));
    assertThat(chaseOf(instance)).as("the chase ends with the record").isNull();

    complete(assessment, vars("parentInterviewedOn", "2026-02-26", "placementAssessment",
        "Mother's partner checked; the flat has room; grandmother helps", "placementSafeguardsWelfare", true));
    assertThatCase(instance).hasPassed("EndEvent_Reg19WorkDone");
  }

  @Test
  void aSection20ChildWhoWentHomeIsNotPlacedUnderReg19() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
        "legalStatus", "SECTION_20", "returnDate", "2026-02-25", "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));

    assertThatCase(instance).hasPassed("EndEvent_NotPlacedUnderReg19");
    assertThat(caseTasks(instance)
        .taskDefinitionKeyIn("assessPlacementWithParent", "recordPlacementPlan").count()).isZero();
  }

  Task chaseOf(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
  }

  /** Moves the clock to the morning of the day and records the statutory visit as held that day. */
  void visitOn(ProcessInstance instance, String day, boolean safe) {
    ClockUtil.setCurrentTime(at(LocalDate.parse(day), 10));
    complete(task(STATUTORY_VISIT, instance), vars("visitDate", day, "childSeenAlone", true,
        "childWishesAndFeelings", "Likes the new school", "parentView", "Managing, tired", "welfareSafeguarded", safe));
  }

  void reviewOn(ProcessInstance instance, String day) {
    ClockUtil.setCurrentTime(at(LocalDate.parse(day), 14));
    complete(task(LOOKED_AFTER_REVIEW, instance), vars("reviewDate", day, "reviewNotes", "Care plan remains appropriate"));
  }

  static Date endOf(String day) {
    LocalDate date = LocalDate.parse(day);
    return at(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), 23, 59, 59);
  }

  static Date at(LocalDate day, int hour) {
    return at(day.getYear(), day.getMonthValue(), day.getDayOfMonth(), hour, 0);
  }

  Date visitDue(ProcessInstance instance) {
    Task visit = task(STATUTORY_VISIT, instance);
    assertThat(visit).as("the next statutory visit is on the social worker's list").isAssignedTo("socialworker1");
    assertThat(job("Timer_StatutoryVisitOverdue", instance).getDuedate()).as("its chase is set for the same moment")
        .isEqualTo(visit.getDueDate());
    return visit.getDueDate();
  }

  @Test
  void underACareOrderTheChildIsVisitedAtMostSixWeeksAfterTheLastVisit() {
    ProcessInstance instance = homeAfterAPlannedReturn("CARE_ORDER", "2026-03-02");

    assertThat(visitDue(instance)).as("reg 28(5)(b): six weeks after the first home visit").isEqualTo(endOf("2026-04-13"));
    visitOn(instance, "2026-04-10", true);
    assertThat(visitDue(instance)).as("six weeks after the visit held, not after the one due").isEqualTo(endOf("2026-05-22"));
    visitOn(instance, "2026-05-22", true);
    assertThat(visitDue(instance)).isEqualTo(endOf("2026-07-03"));
    reviewOn(instance, "2026-06-01");
    visitOn(instance, "2026-07-01", true);
    assertThat(visitDue(instance)).as("a review changes nothing under a full care order").isEqualTo(endOf("2026-08-12"));
  }

  @Test
  void underAnInterimCareOrderTheChildIsVisitedWeeklyUntilTheFirstLookedAfterReviewThenEveryFourWeeks() {
    ProcessInstance instance = homeAfterAPlannedReturn("INTERIM_CARE_ORDER", "2026-03-02");

    assertThat(visitDue(instance)).as("reg 28(4)(a): at least once a week").isEqualTo(endOf("2026-03-09"));
    visitOn(instance, "2026-03-09", true);
    assertThat(visitDue(instance)).isEqualTo(endOf("2026-03-16"));
    visitOn(instance, "2026-03-15", true);
    assertThat(visitDue(instance)).isEqualTo(endOf("2026-03-22"));
    reviewOn(instance, "2026-03-20");
    visitOn(instance, "2026-03-22", true);
    assertThat(visitDue(instance)).as("reg 28(4)(b): after the first review, at most four weeks").isEqualTo(endOf("2026-04-19"));
    visitOn(instance, "2026-04-17", true);
    assertThat(visitDue(instance)).isEqualTo(endOf("2026-05-15"));
    assertThat(caseVariable(instance, "visitRule")).asString().startsWith("reg 28(4)(b)");
  }

  @Test
  void aChildUnderACareOrderPlacedBeforeTheAssessmentIsVisitedWeeklyUntilTheFirstReviewThenEverySixWeeks() {
    ProcessInstance instance = homeAfterAnUnplannedReturn("CARE_ORDER", "2026-03-02");

    assertThat(visitDue(instance)).as("reg 28(3)(a): a reg 19 placement, at least once a week").isEqualTo(endOf("2026-03-09"));
    visitOn(instance, "2026-03-06", true);
    assertThat(visitDue(instance)).isEqualTo(endOf("2026-03-13"));
    visitOn(instance, "2026-03-13", true);
    reviewOn(instance, "2026-03-16");
    visitOn(instance, "2026-03-20", true);
    assertThat(visitDue(instance)).as("reg 28(3)(b): after the first review, at most six weeks").isEqualTo(endOf("2026-05-01"));
    visitOn(instance, "2026-04-30", true);
    assertThat(visitDue(instance)).isEqualTo(endOf("2026-06-11"));
  }

  /** Reg 28(4): weekly "until the first review carried out in accordance with Part 6"; the IRO's review of the return is one. */
  @Test
  void underAnInterimCareOrderTheIrosReviewOfAnUnplannedReturnEndsTheWeeklyVisits() {
    ProcessInstance instance = homeAfterAnUnplannedReturn("INTERIM_CARE_ORDER", "2026-03-02");
    assertThat(visitDue(instance)).as("reg 28(4)(a): weekly until the first review").isEqualTo(endOf("2026-03-09"));

    ClockUtil.setCurrentTime(at(LocalDate.parse("2026-03-05"), 14));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Return reviewed with the family; plan agreed"));
    visitOn(instance, "2026-03-09", true);

    assertThat(visitDue(instance)).as("reg 28(4)(b): four weeks after the visit that followed the review")
        .isEqualTo(endOf("2026-04-06"));
    assertThat(caseVariable(instance, "visitRule")).asString().startsWith("reg 28(4)(b)");
  }

  /** Reg 33(1)-(2): a child recently looked after has the first review within 20 working days, the second within 3 months. */
  @Test
  void aChildLookedAfterTwoWeeksBeforeTheReturnHasTheFirstReviewInTwentyWorkingDaysAndTheSecondInThreeMonths() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
        "legalStatus", "INTERIM_CARE_ORDER", "weeksAccommodated", 2, "returnDate", "2026-03-02",
        "returnReason", "PLACEMENT_BREAKDOWN"));
    complete(task(FIRST_HOME_VISIT, instance), vars("visitDate", "2026-03-02", "childWishesAndFeelings", "Wants to stay",
        "parentView", "Relieved", "welfareSafeguarded", true, "childSeenAlone", true));

    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate())
        .as("looked after since 16 February: 20 working days later is 16 March").isEqualTo(endOf("2026-03-16"));
    reviewOn(instance, "2026-03-12");
    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate()).as("the second, three months after the first")
        .isEqualTo(endOf("2026-06-12"));
    reviewOn(instance, "2026-06-10");
    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate()).as("then six months apart").isEqualTo(endOf("2026-12-10"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plannedReturn", "unplannedReturn"})
  void lookedAfterReviewsFallDueAtMostSixMonthsApartAndAreChasedWhenOverdue(String process) {
    ProcessInstance instance = home(process, "CARE_ORDER", "2026-03-02");

    Task review = task(LOOKED_AFTER_REVIEW, instance);
    assertThat(review).isAssignedTo("iro1");
    assertThat(review.getDueDate()).as("reg 33(2): six months after the IRO's review of the return, or the return (2 March)")
        .isEqualTo(endOf("2026-09-02"));
    reviewOn(instance, "2026-08-20");
    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate()).isEqualTo(endOf("2027-02-20"));

    ClockUtil.setCurrentTime(at(2027, 2, 21, 8, 0));
    execute(job("Timer_LookedAfterReviewOverdue", instance));
    Task chase = chaseOf(instance);
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).startsWith("Chase Looked-after review for");
    complete(chase, vars("chaseNotes", "IRO booked for Tuesday"));
    assertThatCase(instance).hasPassed("EndEvent_LookedAfterReviewChased").isWaitingAt("lookedAfterReview");

    reviewOn(instance, "2027-02-23");
    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate()).isEqualTo(endOf("2027-08-23"));
    ClockUtil.setCurrentTime(at(2027, 8, 24, 8, 0));
    execute(job("Timer_LookedAfterReviewOverdue", instance));
    Task second = chaseOf(instance);
    reviewOn(instance, "2027-08-25");
    assertThat(tasks.createTaskQuery().taskId(second.getId()).count()).as("holding the review ends its chase").isZero();
    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate()).isEqualTo(endOf("2028-02-25"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plannedReturn", "unplannedReturn"})
  void anOverdueStatutoryVisitIsChasedByTheLineManagerUntilItIsRecorded(String process) {
    ProcessInstance instance = home(process, "INTERIM_CARE_ORDER", "2026-03-02");
    ClockUtil.setCurrentTime(at(2026, 3, 10, 8, 0));

    execute(job("Timer_StatutoryVisitOverdue", instance));

    Task chase = chaseOf(instance);
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).startsWith("Chase Statutory visit for");
    complete(chase, vars("chaseNotes", "Visit booked for tomorrow"));
    assertThatCase(instance).hasPassed("EndEvent_StatutoryVisitChased").isWaitingAt("statutoryVisit");
    visitOn(instance, "2026-03-11", true);
    assertThat(visitDue(instance)).as("a week after the visit held").isEqualTo(endOf("2026-03-18"));
    ClockUtil.setCurrentTime(at(2026, 3, 19, 8, 0));
    execute(job("Timer_StatutoryVisitOverdue", instance));
    Task second = chaseOf(instance);
    visitOn(instance, "2026-03-19", true);
    assertThat(tasks.createTaskQuery().taskId(second.getId()).count()).as("recording the visit ends its chase").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plannedReturn", "unplannedReturn"})
  void aStatutoryVisitThatFindsTheChildUnsafeOpensAWelfareConcernAndTheVisitsGoOn(String process) {
    ProcessInstance instance = home(process, "CARE_ORDER", "2026-03-02");
    if ("unplannedReturn".equals(process)) {
      visitOn(instance, "2026-03-09", true);   // a reg 19 placement: weekly until the first review
      reviewOn(instance, "2026-03-09");
    }

    visitOn(instance, "2026-03-20", false);
    execute(job("ServiceTask_OpenStatutoryVisitConcern", instance));

    ProcessInstance concern = sub("welfareConcern", instance);
    assertThatCase(concern).isWaitingAt("reviewWelfareConcern");
    assertThat((String) caseVariable(concern, "concernDetails"))
        .startsWith("Raised at the statutory visit on 2026-03-20 (child seen alone: yes)");
    assertThat(visitDue(instance)).isEqualTo(endOf("2026-05-01"));
  }

  @Test
  void aSection20ChildAtHomeIsNoLongerLookedAfterSoHasNoStatutoryVisitsOrReviews() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("S20-")),
        "legalStatus", "SECTION_20", "weeksAccommodated", 20, "returnDate", "2026-03-02",
        "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));
    complete(task(FIRST_HOME_VISIT, instance), vars("visitDate", "2026-03-02", "childWishesAndFeelings", "Happy",
        "parentView", "Fine", "welfareSafeguarded", true, "childSeenAlone", true));

    assertThatCase(instance).as("unless a court makes an order").isWaitingAt("ConditionalEvent_OrderMade");
    assertThat(caseTasks(instance)
        .taskDefinitionKeyIn("statutoryVisit", "lookedAfterReview").count()).isZero();
  }

  @Test
  void underACourtOrderTheReviewOfAnUnplannedReturnIsDueTenWorkingDaysAfterTheReturn() {
    ClockUtil.setCurrentTime(at(2026, 12, 21, 16, 0));
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("R19-")),
        "returnDate", "2026-12-21", "returnReason", "PLACEMENT_BREAKDOWN"));

    Date reg19 = endOf("2027-01-07");
    assertThat(task(RETURN_REVIEW, instance).getDueDate())
        .as("reg 19(b): 10 working days from Monday 21 December, without Christmas, Boxing Day (28th) and New Year")
        .isEqualTo(reg19);
    assertThat(job("Timer_ReviewOverdue", instance).getDuedate()).isEqualTo(reg19);
    assertThat(task(COMPLETE_RETURN_PLAN, instance).getDueDate()).as("the assessment with it").isEqualTo(reg19);

    ProcessInstance section20 = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("R19-")),
        "legalStatus", "SECTION_20", "returnDate", "2026-12-21", "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));
    assertThat(task(RETURN_REVIEW, section20).getDueDate()).as("Salford §6: 20 days for a section 20 child")
        .isEqualTo(endOf("2027-01-10"));
  }

  @Test
  void theCourtsDischargeEndsVisitsAndReviewsAndSupportGoesOnToItsOwnEnd() {
    ProcessInstance instance = homeAfterAPlannedReturn("CARE_ORDER", "2026-03-02");
    execute(job("CallActivity_OngoingSupport", instance));
    ProcessInstance support = sub("ongoingSupport", instance);
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));

    for (String ending : new String[] {"STEP_DOWN_TO_UNIVERSAL", "TRANSFER_TO_TEAM_AROUND_CHILD"}) {
      assertThatThrownBy(() -> complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", ending,
          "reviewNotes", "Doing well")))
          .isInstanceOf(CaseInputRefused.class).hasMessageStartingWith("'supportOutcome' " + ending + " is not open while");
    }

    ClockUtil.setCurrentTime(at(2026, 9, 14, 12, 0));
    runtime.createMessageCorrelation("CareOrderDischarged").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("dischargeDate", "2026-09-14").correlateWithResult();

    assertThatCase(instance).hasPassed("EndEvent_SupervisionEnds", "EndEvent_OrderDischarged", "EndEvent_DischargeRecorded");
    assertThat(caseTasks(instance)
        .taskDefinitionKeyIn("statutoryVisit", "lookedAfterReview").count()).isZero();
    assertThatCase(instance).isWaitingAt("CallActivity_OngoingSupport");

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "STEP_DOWN_TO_UNIVERSAL", "reviewNotes", "Settled"));
    closeCase(instance);
    assertThatCase(instance).isEnded();
    assertThat(outcome(instance)).isEqualTo("STEPPED_DOWN_TO_UNIVERSAL");
  }

  @Test
  void aDischargeBeforeTheVisitsBeginMeansNoneBegin() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
        "returnDate", "2026-02-27", "returnReason", "PLACEMENT_BREAKDOWN"));
    runtime.createMessageCorrelation("CareOrderDischarged").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("dischargeDate", "2026-03-02").correlateWithResult();

    complete(task(FIRST_HOME_VISIT, instance), vars("visitDate", "2026-03-01", "childWishesAndFeelings", "Happy",
        "parentView", "Fine", "welfareSafeguarded", true, "childSeenAlone", true));

    assertThatCase(instance).as("the supervision begun at the return ends with the order").hasPassed("EndEvent_SupervisionEnds");
    assertThat(caseTasks(instance).taskDefinitionKey("statutoryVisit").count()).isZero();
    assertThat(caseTasks(instance).taskDefinitionKey("lookedAfterReview").count()).isZero();
  }

  /** Children Act 1989 s38: an interim care order made while a section 20 child is at home brings reg 28's visits and reg 33's reviews. */
  @Test
  void aSection20ChildWhoseCourtMakesAnInterimCareOrderAtHomeIsVisitedAndReviewedFromTheOrder() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
        "legalStatus", "SECTION_20", "returnDate", "2026-03-02", "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));
    ClockUtil.setCurrentTime(at(2026, 3, 5, 10, 0));
    complete(task(FIRST_HOME_VISIT, instance), vars("visitDate", "2026-03-05", "childWishesAndFeelings", "Happy",
        "parentView", "Coping", "welfareSafeguarded", true, "childSeenAlone", true));
    assertThatCase(instance).as("section 20: no order to supervise yet").isWaitingAt("ConditionalEvent_OrderMade");
    assertThat(caseTasks(instance).taskDefinitionKey("statutoryVisit").count()).isZero();

    ClockUtil.setCurrentTime(at(2026, 4, 1, 15, 0));
    runtime.createMessageCorrelation("CourtOrderMade").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("legalStatus", "INTERIM_CARE_ORDER").setVariable("orderMadeOn", "2026-04-01").correlateWithResult();

    assertThat(caseVariable(instance, "legalStatus")).isEqualTo("INTERIM_CARE_ORDER");
    assertThat(visitDue(instance)).as("reg 28(4)(a): weekly from the order").isEqualTo(endOf("2026-04-08"));
    assertThat(caseVariable(instance, "visitRule")).asString().startsWith("reg 28(4)(a)");
    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate())
        .as("reg 33(1): within 20 working days of becoming looked after (Easter falls between)").isEqualTo(endOf("2026-05-01"));
  }

  @Test
  void anOrderIsRefusedUnlessItMovesTheCaseForwardOnADayThatHasCome() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
        "legalStatus", "INTERIM_CARE_ORDER", "returnDate", "2026-02-27", "returnReason", "PLACEMENT_BREAKDOWN"));

    assertThatThrownBy(() -> runtime.createMessageCorrelation("CourtOrderMade").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("legalStatus", "INTERIM_CARE_ORDER").setVariable("orderMadeOn", "2026-03-01").correlateWithResult())
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'legalStatus' is INTERIM_CARE_ORDER for child");
    assertThatThrownBy(() -> runtime.createMessageCorrelation("CourtOrderMade").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("legalStatus", "SECTION_20").setVariable("orderMadeOn", "2026-03-01").correlateWithResult())
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'legalStatus' must be the order the court made");
    assertThatThrownBy(() -> runtime.createMessageCorrelation("CourtOrderMade").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("legalStatus", "CARE_ORDER").setVariable("orderMadeOn", "2026-03-09").correlateWithResult())
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'orderMadeOn' must not be in the future");

    runtime.createMessageCorrelation("CourtOrderMade").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("legalStatus", "CARE_ORDER").setVariable("orderMadeOn", "2026-03-02").correlateWithResult();
    assertThat(caseVariable(instance, "legalStatus")).as("the interim order became a full one").isEqualTo("CARE_ORDER");
  }

  /** Reg 33: the reviews of a child at home under an order fall due from the return, whether or not the first visit is ever recorded. */
  @ParameterizedTest
  @ValueSource(strings = {"plannedReturn", "unplannedReturn"})
  void theLookedAfterReviewFallsDueFromTheReturnThoughTheFirstVisitIsNeverRecorded(String process) {
    ProcessInstance instance;
    if ("plannedReturn".equals(process)) {
      instance = runtime.startProcessInstanceByKey("plannedReturn", with(careOrderChild(newChildId("CO-")), "legalStatus", "CARE_ORDER"));
      complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother has engaged with parenting work"));
      complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Family support twice weekly; school nurse"));
      complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED", "reviewReasons", "Plan answers each risk"));
      complete(task(RATIFY_DECISION, sub("ratification", instance)), vars("ratificationDecision", "RATIFIED",
          "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
      complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", "2026-03-02"));
    } else {
      instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("CO-")),
          "returnDate", "2026-03-02", "returnReason", "PLACEMENT_BREAKDOWN"));
    }

    assertThatCase(instance).isWaitingAt("firstHomeVisit", "lookedAfterReview", "ConditionalEvent_FirstVisitRecorded");
    assertThat(task(LOOKED_AFTER_REVIEW, instance)).isAssignedTo("iro1");
    assertThat(task(LOOKED_AFTER_REVIEW, instance).getDueDate()).isNotNull();
    assertThat(task(FIRST_HOME_VISIT, instance).getDueDate()).as("the first visit under the order: within a week")
        .isEqualTo(endOf("2026-03-09"));
    assertThat(caseTasks(instance).taskDefinitionKey("statutoryVisit").count())
        .as("no second visit is asked for beside the first").isZero();

    visitOnFirst(instance, "2026-03-05");
    assertThat(visitDue(instance)).as("the statutory visits are counted from the first visit").isNotNull();
  }

  private void visitOnFirst(ProcessInstance instance, String day) {
    ClockUtil.setCurrentTime(at(LocalDate.parse(day), 10));
    complete(task(FIRST_HOME_VISIT, instance), vars("visitDate", day, "childWishesAndFeelings", "Glad to be home",
        "parentView", "Routines are settling", "welfareSafeguarded", true, "childSeenAlone", true));
  }

  @Test
  void theDischargeIsRefusedForAChildWithNoOrderTwiceOrOnADayNotYetCome() {
    ProcessInstance section20 = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("S20-")),
        "legalStatus", "SECTION_20", "returnDate", "2026-03-02", "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));
    assertThatThrownBy(() -> discharge(section20, "2026-03-02")).isInstanceOf(CaseInputRefused.class)
        .hasMessageStartingWith("'legalStatus' is SECTION_20");

    ProcessInstance instance = homeAfterAnUnplannedReturn("CARE_ORDER", "2026-02-20");
    assertThatThrownBy(() -> discharge(instance, "2026-03-03")).isInstanceOf(CaseInputRefused.class)
        .hasMessage("'dischargeDate' must not be in the future (was 2026-03-03)");
    assertThatThrownBy(() -> discharge(instance, "2026-02-19")).isInstanceOf(CaseInputRefused.class)
        .hasMessage("'dischargeDate' must not be before the child went home on 2026-02-20 (was 2026-02-19)");
    assertThatThrownBy(() -> discharge(instance, "2 March")).isInstanceOf(CaseInputRefused.class)
        .hasMessageStartingWith("'dischargeDate' must be the day the court discharged the order");
    assertThatCase(instance).isWaitingAt("statutoryVisit", "lookedAfterReview");

    discharge(instance, "2026-03-02");
    assertThatThrownBy(() -> discharge(instance, "2026-03-02")).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("was discharged already, on 2026-03-02");
  }

  /** Each visit opens on a blank form; the case keeps every visit's report, and the chronology shows each. */
  @Test
  @SuppressWarnings("unchecked")
  void eachVisitOpensBlankAndTheCaseKeepsEveryVisitsReport() {
    ProcessInstance instance = homeAfterAPlannedReturn("CARE_ORDER", "2026-03-02");
    visitOn(instance, "2026-03-20", true);

    Map<String, Object> form = tasks.getVariables(task(STATUTORY_VISIT, instance).getId());
    assertThat(form).containsEntry("visitDate", "").containsEntry("childWishesAndFeelings", "")
        .containsEntry("parentView", "").containsEntry("childSeenAlone", false).containsEntry("welfareSafeguarded", false);
    assertThat(caseVariable(instance, "visitDate")).as("the last visit, on the case").isEqualTo("2026-03-20");

    var visits = ((java.util.List<uk.localgov.reunification.chronology.CaseChronology.Entry>) chronology
        .of(instance.getBusinessKey()).get("entries")).stream().filter(entry -> "statutoryVisit".equals(entry.taskKey())
        && entry.what().equals("Record statutory visit")).toList();
    assertThat(visits).hasSize(1);
    assertThat(visits.get(0).values()).containsEntry("visitDate", "2026-03-20")
        .containsEntry("childWishesAndFeelings", "Likes the new school").containsEntry("childSeenAlone", true);
  }

  private void discharge(ProcessInstance instance, String day) {
    runtime.createMessageCorrelation("CareOrderDischarged").processInstanceBusinessKey(instance.getBusinessKey())
        .setVariable("dischargeDate", day).correlateWithResult();
  }
}
