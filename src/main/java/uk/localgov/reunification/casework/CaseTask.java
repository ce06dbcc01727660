package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.Recorded.daysBetween;
import static uk.localgov.reunification.casework.Recorded.factorCodes;
import static uk.localgov.reunification.casework.Recorded.factorResponses;
import static uk.localgov.reunification.casework.Recorded.memberOf;
import static uk.localgov.reunification.casework.Recorded.oneOf;
import static uk.localgov.reunification.casework.Recorded.optionalPastOrTodayDate;
import static uk.localgov.reunification.casework.Recorded.optionalText;
import static uk.localgov.reunification.casework.Recorded.pastOrTodayDate;
import static uk.localgov.reunification.casework.Recorded.text;
import static uk.localgov.reunification.casework.Recorded.textRequiredWhen;
import static uk.localgov.reunification.casework.Recorded.yesOrNo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.localgov.reunification.identity.Roles;

/**
 * Every user task of every process, declared once: its key (the BPMN id of the user task, and
 * Camunda's task definition key), the label used for it in the diagram, mail, oversight and the
 * chronology, the stage of the case it belongs to, the timescale it carries as its due date, whether
 * it is an escalation, who does it, and the variables it records with their rules. A completion records these
 * and nothing else. Adding a task to a process means its BPMN, its form and one entry here; the
 * model tests name a task that lacks any of the three. The reference for process owners,
 * {@code docs/tasks.md}, is written from this declaration.
 */
public enum CaseTask {

  COMPLETE_ASSESSMENT("completeAssessment", "Complete Children and Families Assessment", Performer.SOCIAL_WORKER, Stage.PLANNING,
      null, Notice.ROUTINE,
      List.of(text("assessmentSummary"), factorCodes("factorsPresent"), factorCodes("protectiveFactors")),
      // Salford §2; Wiltshire §3: the factors recorded are ones the decision knows
      (variables, rules) -> {
        rules.factors().known(variables);
        earlierFailedReturnStaysTicked(variables, rules);
      }),

  COMPILE_RETURN_PLAN("compileReturnPlan", "Compile return plan", Performer.SOCIAL_WORKER, Stage.PLANNING, null, Notice.ROUTINE,
      List.of(text("returnPlan"), factorResponses("factorResponses")),
      // Salford §2–§3; Wiltshire §6: every research factor present answered by the plan
      (variables, rules) -> rules.factors().requireResponses(variables)),

  COMPLETE_RETURN_PLAN("completeReturnPlan", "Complete urgent return plan", Performer.SOCIAL_WORKER, Stage.PLANNING,
      new Due("Urgent return plan", "with the IRO's review: 20 days after the return (service standard for Salford §6);"
          + " 10 working days under a court order (reg 19(b))"),
      Notice.ROUTINE,
      List.of(text("returnPlan"), factorCodes("factorsPresent"), factorCodes("protectiveFactors"),
          factorResponses("factorResponses")),
      // Salford §6; Wiltshire §3, §6
      (variables, rules) -> {
        rules.factors().requireResponses(variables);
        earlierFailedReturnStaysTicked(variables, rules);
      }),

  ASSESS_PLACEMENT_WITH_PARENT("assessPlacementWithParent", "Assess placement with parent", Performer.SOCIAL_WORKER,
      Stage.PLANNING, new Due("Assessment of a placement with a parent", "10 working days after a child in care went"
          + " home unplanned (reg 19(b))"), Notice.ROUTINE,
      // reg 19(a): the parent interviewed; reg 17(a)-(c), Schedule 3: the parent, the home, the adults in it
      List.of(pastOrTodayDate("parentInterviewedOn"), text("placementAssessment"), yesOrNo("placementSafeguardsWelfare")),
      CaseTask::noFurtherRule),

  RECORD_PLACEMENT_PLAN("recordPlacementPlan", "Record placement plan", Performer.SOCIAL_WORKER, Stage.PLANNING,
      new Due("Placement plan", "5 working days after a child in care went home unplanned (reg 9(2))"), Notice.ROUTINE,
      List.of(text("placementPlan"), yesOrNo("placementPlanSigned"),
          textRequiredWhen("placementPlanNotSignedReason", "when placementPlanSigned is false")),
      CaseTask::signedByTheParentOrSaysWhyNot),                                                       // reg 9(1)-(3)

  PRE_RETURN_REVIEW("preReturnReview", "Review return plan before return", Performer.IRO, Stage.IRO_REVIEW, null, Notice.ROUTINE,
      // Salford §5; reg 17(d), Part 6: the IRO records the reasons and what was considered, for every outcome
      List.of(oneOf("reviewOutcome", "PROCEED", "REVISE_PLAN", "RETURN_NOT_SUPPORTED"), text("reviewReasons")),
      CaseTask::noFurtherRule),

  CONFIRM_RETURN_HOME("confirmReturnHome", "Confirm return home", Performer.SOCIAL_WORKER, Stage.RETURN_HOME_AND_FIRST_VISIT,
      new Due("Return home after ratification", "14 days after the return was ratified (service standard for Salford §7,"
          + " which sets no number of days)"),
      Notice.ROUTINE, List.of(pastOrTodayDate("returnDate")), CaseTask::homeOnlyOnceRatified),

  RETURN_REVIEW("returnReview", "Review unplanned return", Performer.IRO, Stage.IRO_REVIEW,
      new Due("Review after an unplanned return", "20 days after the return (Salford §6); 10 working days under a court"
          + " order (reg 19(b))"), Notice.ROUTINE,
      List.of(text("reviewNotes")), CaseTask::noFurtherRule),

  FIRST_HOME_VISIT("firstHomeVisit", "Record first home visit", Performer.SOCIAL_WORKER, Stage.RETURN_HOME_AND_FIRST_VISIT,
      new Due("First home visit", "7 or 14 days after the return (Salford §3)"), Notice.ROUTINE,
      // Salford §4; under a court order it is the first reg 28 visit, so whether the child was seen alone (reg 29)
      List.of(pastOrTodayDate("visitDate"), yesOrNo("childSeenAlone"), text("childWishesAndFeelings"), text("parentView"),
          yesOrNo("welfareSafeguarded"), optionalText("furtherSupportNeeded")),
      CaseTask::visitedOnlyOnceHome),

  STATUTORY_VISIT("statutoryVisit", "Record statutory visit", Performer.SOCIAL_WORKER, Stage.SUPPORT_AT_HOME,
      new Due("Statutory visit", "weekly, or at most 4 or 6 weeks after the last visit, while a court order stands"
          + " (reg 28(3)-(5), decision visitFrequency)"), Notice.ROUTINE,
      List.of(pastOrTodayDate("visitDate"), yesOrNo("childSeenAlone"), text("childWishesAndFeelings"), text("parentView"),
          yesOrNo("welfareSafeguarded"), optionalText("furtherSupportNeeded")),                 // reg 28; Salford §4
      CaseTask::visitedOnlyOnceHome),

  LOOKED_AFTER_REVIEW("lookedAfterReview", "Hold looked-after review", Performer.IRO, Stage.SUPPORT_AT_HOME,
      new Due("Looked-after review", "within 20 working days of becoming looked after, the second at most 3 months"
          + " after the first, then at most 6 months apart, while a court order stands (reg 33(1)-(2))"),
      Notice.ROUTINE, List.of(pastOrTodayDate("reviewDate"), text("reviewNotes")),                     // reg 33
      CaseTask::reviewedOnlyOnceHome),

  RATIFY_DECISION("ratifyDecision", "Ratify decision to return home", Performer.RATIFIERS, Stage.RATIFICATION,
      new Due("Ratification", "7 days after it is asked for (service standard for Salford §7)"), Notice.ROUTINE,
      List.of(oneOf("ratificationDecision", "RATIFIED", "MORE_INFORMATION", "NOT_RATIFIED"),
          yesOrNo("childWishesConsidered"), yesOrNo("iroConsulted"), yesOrNo("relativesConsulted"),
          yesOrNo("carersConsulted"),
          textRequiredWhen("ratificationReasons", "when ratificationDecision is NOT_RATIFIED or MORE_INFORMATION")),
      (variables, rules) -> {
        refusedOrAskedOnlyWithReasons(variables, rules);
        ratifiedOnlyWithTheChildAndTheIroHeard(variables, rules);
      }),

  DECIDE_NEXT_STEPS("decideNextSteps", "Decide next steps after a refused ratification", Performer.SERVICE_MANAGERS, Stage.RATIFICATION,
      new Due("Next steps after a refused ratification", "5 working days after the refusal (service standard for"
          + " Salford §7)"), Notice.ESCALATION,
      List.of(oneOf("nextSteps", "REVISE_AND_RESUBMIT", "LEGAL_PLANNING", "RETURN_TO_CARE"), text("nextStepsNotes")),
      CaseTask::resubmittedAtMostTwice),                                                              // Salford §6–§7

  RECORD_LEGAL_PLANNING("recordLegalPlanning", "Record legal planning decision", Performer.SERVICE_MANAGERS, Stage.RATIFICATION,
      new Due("Legal planning after a refused ratification", "10 working days after legal planning was decided (service"
          + " standard for Salford §7)"), Notice.ESCALATION,
      List.of(oneOf("legalPlanningOutcome", "ISSUE_PROCEEDINGS", "PRE_PROCEEDINGS", "NO_LEGAL_ACTION"),
          text("legalPlanningNotes")),
      CaseTask::noFurtherRule),                                                                       // Salford §7; CA 1989 s31

  RECORD_RETURN_TO_CARE("recordReturnToCare", "Record return to care", Performer.SOCIAL_WORKER, Stage.RATIFICATION,
      new Due("Return to care after a refused ratification", "5 working days after the service managers decided"
          + " (service standard for Salford §7)"), Notice.ROUTINE,
      List.of(oneOf("returnToCareOutcome", "STAYED_AT_HOME", "RETURNED_TO_CARE"), optionalPastOrTodayDate("returnedToCareOn"),
          text("returnToCareNotes")),
      CaseTask::backInCareOnlyFromHome),                                                              // Salford §6–§7

  REVISE_PLAN("revisePlan", "Revise return plan", Performer.SOCIAL_WORKER, Stage.PLANNING,
      new Due("Plan revision", "10 working days after it is asked for (service standard for Salford §4 and §7)"),
      Notice.ROUTINE,
      List.of(text("returnPlan"), text("planChangeReason"), factorCodes("factorsPresent"), factorCodes("protectiveFactors"),
          factorResponses("factorResponses")),
      // Salford §4, §7; Wiltshire §3 (the factors at all times), §6 (each answered)
      (variables, rules) -> {
        rules.factors().requireResponses(variables);
        earlierFailedReturnStaysTicked(variables, rules);
      }),

  PROVIDE_FURTHER_INFORMATION("provideFurtherInformation", "Provide further information", Performer.SOCIAL_WORKER, Stage.RATIFICATION,
      null, Notice.ROUTINE, List.of(text("furtherInformation")), CaseTask::noFurtherRule),

  ALLOCATE_CIN_COORDINATOR("allocateCinCoordinator", "Allocate Child in Need co-ordinator", Performer.IRO, Stage.SUPPORT_AT_HOME,
      new Due("Child in Need co-ordinator allocated", "5 working days after support starts (service standard for"
          + " Salford §8, which sets no number of days)"), Notice.ROUTINE, List.of(memberOf("cinCoordinator", Roles.CIN_COORDINATORS)),    // Salford §8
      CaseTask::noFurtherRule),

  SUPPORT_REVIEW("supportReview", "Child in Need review of the return plan", Performer.CIN_COORDINATOR, Stage.SUPPORT_AT_HOME,
      new Due("Child in Need review", "6 weeks, then as progress decides (Salford §8)"), Notice.ROUTINE,
      List.of(oneOf("supportOutcome", "CONTINUE", "TRANSFER_TO_TEAM_AROUND_CHILD", "STEP_DOWN_TO_UNIVERSAL",
          "RETURNED_TO_CARE"), text("reviewNotes"), daysBetween("nextReviewIn", 7, 84, "P42D")),
      (variables, rules) -> {
        supportEndsOnlyAsTheOrderAllows(variables, rules);
        sixWeeklyUntilProgressDecides(variables, rules);
      }),

  RECORD_WEEKLY_PROGRESS("recordWeeklyProgress", "Record weekly progress", Performer.SOCIAL_WORKER, Stage.SUPPORT_AT_HOME,
      new Due("Weekly progress record", "every 7 days while support is active (Portsmouth)"), Notice.ROUTINE,
      List.of(text("progressNotes")), CaseTask::noFurtherRule),

  REVIEW_WELFARE_CONCERN("reviewWelfareConcern", "Review welfare concern", Performer.LINE_MANAGER, null,
      new Due("Review of a welfare concern", "the next working day (service standard for Salford §4)"), Notice.ESCALATION,
      List.of(oneOf("concernOutcome", "NO_FURTHER_ACTION", "REVISE_PLAN", "EARLY_REVIEW", "STRATEGY_DISCUSSION"),
          yesOrNo("escalateToServiceManager"), text("managerNotes")),
      CaseTask::aConcernActsOnTheCase),

  SERVICE_MANAGER_REVIEW("serviceManagerReview", "Review escalated welfare concern", Performer.SERVICE_MANAGERS, null,
      new Due("Review of an escalated welfare concern", "the next working day (service standard for Salford §4)"),
      Notice.ESCALATION,
      List.of(text("serviceManagerNotes")), CaseTask::noFurtherRule),                                 // Salford §4

  RECORD_WITHDRAWAL("recordWithdrawal", "Record withdrawal of consent", Performer.SOCIAL_WORKER, Stage.CLOSING,
      new Due("Withdrawal record", "5 working days after the family withdrew (service standard for Salford §8)"),
      Notice.ROUTINE,
      List.of(text("withdrawalNotes"), yesOrNo("cafContinues")), CaseTask::noFurtherRule),            // Salford §8

  REVIEW_CAF_SUPPORT("reviewCafSupport", "Review CAF support", Performer.SOCIAL_WORKER, Stage.CLOSING,
      new Due("CAF review after consent is withdrawn", "6 weeks after the withdrawal, then 6-weekly until universal"
          + " services meet the child's needs (Salford §8, at its Child in Need reviews' interval)"), Notice.ROUTINE,
      List.of(text("cafReviewNotes"), yesOrNo("needsMetByUniversalServices")), CaseTask::noFurtherRule),  // Salford §8

  RECORD_CASE_CLOSURE("recordCaseClosure", "Record case closure", Performer.SOCIAL_WORKER, Stage.CLOSING,
      new Due("Closure record", "10 working days after the closure is asked for (service standard for reg 39(2))"),
      Notice.ROUTINE,
      List.of(text("closingSummary"), text("childViewOnClosure")),          // reg 39(2)(c): the child's wishes and feelings
      CaseTask::noFurtherRule),

  SIGN_OFF_CLOSURE("signOffClosure", "Sign off case closure", Performer.LINE_MANAGER, Stage.CLOSING,
      new Due("Closure sign-off", "5 working days after the closure is recorded (service standard for reg 39(2))"),
      Notice.ROUTINE,
      List.of(yesOrNo("closureSignedOff"), text("signOffNotes")), CaseTask::noFurtherRule),           // reg 39(2)(d)

  CONFIRM_CHILD_AT_HOME("confirmChildAtHome", "Confirm child still at home", Performer.LINE_MANAGER, null, null, Notice.ROUTINE,
      List.of(yesOrNo("childStillAtHome"), text("checkInNotes"), optionalPastOrTodayDate("returnedToCareOn")),
      CaseTask::backInCareOnlyWithinTheYear),

  CHASE_OVERDUE_WORK("chaseOverdueWork", "Chase overdue work", Performer.CHASER, null, null, Notice.ESCALATION,
      List.of(text("chaseNotes")), CaseTask::noFurtherRule);

  /**
   * Who does a task: the person or group the diagram gives it to, as the BPMN user task's
   * {@code camunda:assignee} and {@code camunda:candidateGroups} say it (the model rules check the
   * diagram against this), and who that is in words, for process owners.
   */
  public enum Performer {
    SOCIAL_WORKER("${socialWorker}", null, "the child's social worker"),
    IRO("${iro}", null, "the child's Independent Reviewing Officer"),
    CIN_COORDINATOR("${cinCoordinator}", null, "the Child in Need co-ordinator the IRO allocated"),
    LINE_MANAGER("${staff.lineManagerOf(socialWorker)}", null, "the line manager of the social worker's team"),
    SERVICE_MANAGERS(null, Roles.SERVICE_MANAGERS, "any service manager (group " + Roles.SERVICE_MANAGERS + ")"),
    RATIFIERS(null, "${ratifierGroup}", "the nominated officer: the Head of Service, or the Director for a 16 or 17"
        + " year old leaving section 20 care (reg 39(5))"),
    CHASER("${overdueChases.assignee(execution)}", "${overdueChases.candidateGroups(execution)}",
        "the line manager of the overdue work's owner, or the managers of the group it was offered to");

    private final String assignee;
    private final String candidateGroups;
    private final String who;

    Performer(String assignee, String candidateGroups, String who) {
      this.assignee = assignee;
      this.candidateGroups = candidateGroups;
      this.who = who;
    }

    /** The user task's {@code camunda:assignee}, or {@code null}. */
    public String assignee() {
      return assignee;
    }

    /** The user task's {@code camunda:candidateGroups}, or {@code null}. */
    public String candidateGroups() {
      return candidateGroups;
    }

    public String who() {
      return who;
    }
  }

  /** The timescale a task carries as its due date: what is due, and the rule with its source. */
  public record Due(String work, String rule) {
  }

  /** Whether people may turn off mail about the task; escalations (Salford §4, the overdue chase) always go. */
  public enum Notice { ROUTINE, ESCALATION }

  /** A rule across the values of one completion, beyond each value's own. */
  @FunctionalInterface
  interface CrossCheck {
    void check(CaseVariables variables, TaskRules rules);
  }

  private static final Map<String, CaseTask> BY_KEY =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(CaseTask::key, Function.identity()));

  private final String key;
  private final String label;
  private final Performer performer;
  private final Stage stage;
  private final Due due;
  private final Notice notice;
  private final List<Recorded> records;
  private final CrossCheck crossCheck;

  CaseTask(String key, String label, Performer performer, Stage stage, Due due, Notice notice, List<Recorded> records,
      CrossCheck crossCheck) {
    this.key = key;
    this.label = label;
    this.performer = performer;
    this.stage = stage;
    this.due = due;
    this.notice = notice;
    this.records = records;
    this.crossCheck = crossCheck;
  }

  public static Optional<CaseTask> of(String taskKey) {
    return Optional.ofNullable(BY_KEY.get(taskKey));
  }

  /** The label of a task, or "Task" for one not declared here (a stand-alone task, say). */
  public static String labelOf(String taskKey) {
    return of(taskKey).map(CaseTask::label).orElse("Task");
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  /** Who does the task. */
  public Performer performer() {
    return performer;
  }

  /** The stage of the case while this task is open, if it is a step of the case's main line. */
  public Optional<Stage> stage() {
    return Optional.ofNullable(stage);
  }

  public Optional<Due> due() {
    return Optional.ofNullable(due);
  }

  public boolean isEscalation() {
    return notice == Notice.ESCALATION;
  }

  public List<Recorded> records() {
    return records;
  }

  public Set<String> recordedNames() {
    return Recorded.names(records);
  }

  /** The variables a completion must give. */
  public List<String> requiredNames() {
    return records.stream().filter(Recorded::required).map(Recorded::name).toList();
  }

  /** Refuses a completion whose values break a rule, naming the first variable at fault. */
  void check(CaseVariables variables, TaskRules rules) {
    records.forEach(recorded -> recorded.check(variables, rules));
    crossCheck.check(variables, rules);
  }

  private static void noFurtherRule(CaseVariables variables, TaskRules rules) {
  }

  /** Salford §7: a planned return goes ahead once ratified, so the child cannot have gone home before. */
  private static void homeOnlyOnceRatified(CaseVariables variables, TaskRules rules) {
    java.time.LocalDate home = variables.pastOrTodayDate("returnDate");
    if (variables.isPresent("dateOfBirth")) {
      ReturnStartCheck.requireChildOn(variables.date("dateOfBirth"), home, "on the return date");
    }
    rules.ratifiedOn(variables.text("childId")).filter(home::isBefore).ifPresent(ratified -> {
      throw new CaseInputRefused("returnDate", "must not be before the return was ratified on " + ratified
          + " (was " + home + ")");
    });
  }

  /** Salford §3–§4: the home visit is after the child went home, and not in the future. */
  private static void visitedOnlyOnceHome(CaseVariables variables, TaskRules rules) {
    java.time.LocalDate visit = variables.pastOrTodayDate("visitDate");
    if (variables.isPresent("returnDate") && visit.isBefore(variables.date("returnDate"))) {
      throw new CaseInputRefused("visitDate", "must not be before the child went home on " + variables.date("returnDate")
          + " (was " + visit + ")");
    }
  }

  /** Reg 33: the looked-after review is of the child at home, held on a day since the return, not in the future. */
  private static void reviewedOnlyOnceHome(CaseVariables variables, TaskRules rules) {
    java.time.LocalDate review = variables.pastOrTodayDate("reviewDate");
    if (variables.isPresent("returnDate") && review.isBefore(variables.date("returnDate"))) {
      throw new CaseInputRefused("reviewDate", "must not be before the child went home on " + variables.date("returnDate")
          + " (was " + review + ")");
    }
  }

  /**
   * Children Act 1989 s39: a care order ends only when a court discharges it, so while it stands the
   * child stays looked after and the case is neither stepped down to universal services nor handed to
   * a Team Around the Child; the Child in Need review goes on, or records a return to care.
   */
  private static void supportEndsOnlyAsTheOrderAllows(CaseVariables variables, TaskRules rules) {
    String outcome = variables.text("supportOutcome");
    if (("STEP_DOWN_TO_UNIVERSAL".equals(outcome) || "TRANSFER_TO_TEAM_AROUND_CHILD".equals(outcome))
        && rules.courtOrderStands(variables.text("childId"))) {
      throw new CaseInputRefused("supportOutcome", outcome + " is not open while the child's care order or interim care"
          + " order stands: only a court ends it (Children Act 1989 s39). Choose CONTINUE, or record the court's"
          + " discharge (CareOrderDischarged) first");
    }
  }

  /**
   * Salford §8: the co-ordinator reviews the return plan "at 6 weekly intervals"; "subsequently, the
   * frequency of reviews will be determined by progress". So the first Child in Need review sets the
   * next at most 6 weeks away, and later ones may choose up to 12 weeks, except while the support
   * must be intensive (Wiltshire: support "not intensive enough, or ended too soon" is among the
   * causes of failed returns; decision supportIntensity), when reviews stay at most 6 weeks apart.
   * Sooner is always open.
   */
  private static void sixWeeklyUntilProgressDecides(CaseVariables variables, TaskRules rules) {
    String asked = variables.isPresent("nextReviewIn") ? variables.text("nextReviewIn") : null;
    if (asked == null || !asked.matches("P\\d+D")
        || Integer.parseInt(asked.substring(1, asked.length() - 1)) <= SupportSchedule.SIX_WEEKLY_DAYS) {
      return;                                              // the default, sooner, or refused by its own rule
    }
    if (variables.isPresent("supportIntensity") && "INTENSIVE".equals(variables.text("supportIntensity"))) {
      throw new CaseInputRefused("nextReviewIn", "must be at most P42D while the support must be intensive (decision"
          + " supportIntensity; Wiltshire: support that ends too soon is a cause of failed returns) (was '" + asked + "')");
    }
    if (rules.supportReviewsHeld(variables.text("childId")) == 0) {
      throw new CaseInputRefused("nextReviewIn", "must be at most P42D at the first Child in Need review: reviews are"
          + " 6-weekly at first, and progress decides their frequency only after that (Salford §8) (was '" + asked + "')");
    }
  }

  /**
   * Salford §4: what the line manager decides acts on the child's case, so it must be something the
   * case can do now: a strategy discussion goes to the service managers, a plan can be revised only
   * in an open case, and an early review brings forward a Child in Need review only once support runs.
   */
  private static void aConcernActsOnTheCase(CaseVariables variables, TaskRules rules) {
    String outcome = variables.text("concernOutcome");
    String childId = variables.text("childId");
    if ("STRATEGY_DISCUSSION".equals(outcome) && !variables.yesOrNo("escalateToServiceManager")) {
      throw new CaseInputRefused("escalateToServiceManager",
          "must be true for a strategy discussion: it goes to the service managers at once (Salford §4)");
    }
    if ("REVISE_PLAN".equals(outcome) && !rules.hasActiveCase(childId)) {
      throw new CaseInputRefused("concernOutcome", "REVISE_PLAN needs an open case, and child '" + childId
          + "' has none: choose NO_FURTHER_ACTION or STRATEGY_DISCUSSION");
    }
    if ("EARLY_REVIEW".equals(outcome) && !rules.isSupportedAtHome(childId)) {
      throw new CaseInputRefused("concernOutcome", "EARLY_REVIEW brings forward the next Child in Need review, and child '"
          + childId + "' has no Child in Need support under way" + (rules.hasActiveCase(childId)
              ? " yet: choose REVISE_PLAN or STRATEGY_DISCUSSION"
              : ": the case is closed (a concern in its year of follow-up); choose NO_FURTHER_ACTION or STRATEGY_DISCUSSION"));
    }
  }

  /**
   * Wiltshire §3: previous unsuccessful attempts at reunification are a research factor. When the
   * child's earlier return is known to have ended with a return to care ({@code earlierFailedReturns},
   * found at the start), the factor is a fact of the case, not a judgement, so it stays ticked.
   */
  private static void earlierFailedReturnStaysTicked(CaseVariables variables, TaskRules rules) {
    if (variables.isPresent(EARLIER_FAILED_RETURNS) && !variables.codes("factorsPresent").contains(PREVIOUS_FAILED_RETURN)) {
      throw new CaseInputRefused("factorsPresent", "must keep " + PREVIOUS_FAILED_RETURN + ": an earlier return home of"
          + " this child ended with a return to care (Wiltshire §3; the chronology links the earlier case)");
    }
  }

  /**
   * A check-in of the follow-up year: a child no longer at home went back into care on a day the
   * line manager gives, between the case's closure and today; a child still at home has no such day.
   */
  private static void backInCareOnlyWithinTheYear(CaseVariables variables, TaskRules rules) {
    boolean atHome = variables.yesOrNo("childStillAtHome");
    if (atHome && variables.isPresent("returnedToCareOn")) {
      throw new CaseInputRefused("returnedToCareOn", "is recorded only for a child who is no longer at home"
          + " (childStillAtHome is true)");
    }
    if (!atHome) {
      if (!variables.isPresent("returnedToCareOn")) {
        throw new CaseInputRefused("returnedToCareOn", "is required when the child is no longer at home: the day the"
            + " child went back into care");
      }
      java.time.LocalDate back = variables.pastOrTodayDate("returnedToCareOn");
      if (variables.isPresent("closedOn") && back.isBefore(variables.date("closedOn"))) {
        throw new CaseInputRefused("returnedToCareOn", "must not be before the case closed on " + variables.date("closedOn")
            + " (was " + back + ")");
      }
    }
  }

  /**
   * A decision to return the child to care is acted on, not assumed: the day the child went back is
   * recorded, not before the return home; a child who stayed at home (a section 20 child's parent
   * may refuse, Children Act 1989 s20(7)-(8)) has no such day, and the service managers decide again.
   */
  private static void backInCareOnlyFromHome(CaseVariables variables, TaskRules rules) {
    boolean back = "RETURNED_TO_CARE".equals(variables.text("returnToCareOutcome"));
    if (!back && variables.isPresent("returnedToCareOn")) {
      throw new CaseInputRefused("returnedToCareOn", "is recorded only for a child who went back into care"
          + " (returnToCareOutcome is STAYED_AT_HOME)");
    }
    if (back) {
      if (!variables.isPresent("returnedToCareOn")) {
        throw new CaseInputRefused("returnedToCareOn", "is required when the child went back into care: the day it happened");
      }
      java.time.LocalDate day = variables.pastOrTodayDate("returnedToCareOn");
      if (variables.isPresent("returnDate") && day.isBefore(variables.date("returnDate"))) {
        throw new CaseInputRefused("returnedToCareOn", "must not be before the child went home on "
            + variables.date("returnDate") + " (was " + day + ")");
      }
    }
  }

  /** The research factor an earlier failed return is, and the variable that records the earlier cases. */
  public static final String PREVIOUS_FAILED_RETURN = "CARE_PREVIOUS_FAILED_RETURN";
  public static final String EARLIER_FAILED_RETURNS = "earlierFailedReturns";

  /**
   * Salford §7: a refusal to ratify, or a request for more information, says why, for the service
   * manager who decides the next steps and the social worker who answers; a ratification may.
   */
  private static void refusedOrAskedOnlyWithReasons(CaseVariables variables, TaskRules rules) {
    String decision = variables.text("ratificationDecision");
    if (("NOT_RATIFIED".equals(decision) || "MORE_INFORMATION".equals(decision))
        && !variables.isPresent("ratificationReasons")) {
      throw new CaseInputRefused("ratificationReasons", "is required when the decision is " + decision + ": "
          + ("NOT_RATIFIED".equals(decision) ? "why the return is not ratified" : "what more is needed, and why")
          + " (Salford §7)");
    }
  }

  /** Reg 9(3): the placement plan is agreed with and signed by the parent; a plan not signed says why. */
  private static void signedByTheParentOrSaysWhyNot(CaseVariables variables, TaskRules rules) {
    if (!variables.yesOrNo("placementPlanSigned") && !variables.isPresent("placementPlanNotSignedReason")) {
      throw new CaseInputRefused("placementPlanNotSignedReason", "is required when the parent has not signed the"
          + " placement plan: it must be agreed with and signed by them (reg 9(3)), so say why it is not");
    }
  }

  /** How often a refused plan may be revised and put to the nominated officer again. */
  static final int RESUBMISSIONS_ALLOWED = 2;

  /**
   * Salford §7 lets the service managers revise a refused plan and ask again, and sets no limit. The
   * service's own is two resubmissions: after a third refusal the child at home needs a decided
   * course, legal planning or a return to care, not another round of the same plan.
   */
  private static void resubmittedAtMostTwice(CaseVariables variables, TaskRules rules) {
    if ("REVISE_AND_RESUBMIT".equals(variables.text("nextSteps"))
        && rules.resubmissions(variables.text("childId")) >= RESUBMISSIONS_ALLOWED) {
      throw new CaseInputRefused("nextSteps", "REVISE_AND_RESUBMIT is not open: the plan has been revised and refused "
          + RESUBMISSIONS_ALLOWED + " times already. Choose LEGAL_PLANNING or RETURN_TO_CARE (Salford §7)");
    }
  }

  /** Salford §7: the nominated officer ratifies only once the child's wishes and the IRO are considered. */
  private static void ratifiedOnlyWithTheChildAndTheIroHeard(CaseVariables variables, TaskRules rules) {
    if (!"RATIFIED".equals(variables.text("ratificationDecision"))) {
      return;
    }
    if (!variables.yesOrNo("childWishesConsidered")) {
      throw new CaseInputRefused("childWishesConsidered",
          "must be true to ratify: the child's wishes and feelings must have been considered (Salford §7)");
    }
    if (!variables.yesOrNo("iroConsulted")) {
      throw new CaseInputRefused("iroConsulted", "must be true to ratify: the IRO must have been consulted (Salford §7)");
    }
  }
}
