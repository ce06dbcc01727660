package uk.localgov.reunification.casework;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.identity.Roles;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * Refuses to complete a task without the variables the contract says it must record (the form
 * in Tasklist asks for the same; its checks run only in the browser). Listens on the user task's
 * {@code end} as {@code ${taskCompletionCheck}}: the engine wraps a task listener's exception in
 * a 500, while an execution listener's {@link CaseInputRefused} reaches REST as a 400. A refusal
 * rolls the completion back and leaves the task open; a task cancelled by the process is not
 * checked.
 */
@Component("taskCompletionCheck")
public class TaskCompletionCheck implements ExecutionListener {

  static final Set<String> REVIEW_OUTCOMES = Set.of("PROCEED", "REVISE_PLAN", "RETURN_NOT_SUPPORTED");
  static final Set<String> RATIFICATION_DECISIONS = Set.of("RATIFIED", "MORE_INFORMATION", "NOT_RATIFIED");
  static final Set<String> SUPPORT_OUTCOMES =
      Set.of("CONTINUE", "TRANSFER_TO_TEAM_AROUND_CHILD", "STEP_DOWN_TO_UNIVERSAL", "RETURNED_TO_CARE");

  private final CaseCalendar calendar;
  private final StaffDirectory staff;
  private final ResearchFactors factors;
  private final Map<String, Consumer<CaseVariables>> rules;

  public TaskCompletionCheck(CaseCalendar calendar, StaffDirectory staff, ResearchFactors factors) {
    this.calendar = calendar;
    this.staff = staff;
    this.factors = factors;
    this.rules = Map.ofEntries(
        Map.entry("completeAssessment", v -> {
          v.text("assessmentSummary");           // Salford §2
          factors.known(v);                      // Wiltshire §3, optional
        }),
        Map.entry("compileReturnPlan", this::returnPlan),
        Map.entry("completeReturnPlan", this::returnPlan),
        Map.entry("preReturnReview", v -> v.oneOf("reviewOutcome", REVIEW_OUTCOMES)),   // Salford §5
        Map.entry("confirmReturnHome", v -> v.pastOrTodayDate("returnDate")),
        Map.entry("returnReview", v -> v.text("reviewNotes")),                         // Salford §6
        Map.entry("firstHomeVisit", v -> {                                              // Salford §4
          v.pastOrTodayDate("visitDate");
          v.text("childWishesAndFeelings");
          v.text("parentView");
          v.yesOrNo("welfareSafeguarded");
        }),
        Map.entry("ratifyDecision", TaskCompletionCheck::ratification),
        Map.entry("provideFurtherInformation", v -> v.text("furtherInformation")),
        Map.entry("allocateCinCoordinator", v -> {                                      // Salford §8
          String coordinator = v.text("cinCoordinator");
          if (!staff.isMember(coordinator, Roles.CIN_COORDINATORS)) {
            throw new CaseInputRefused("cinCoordinator",
                "must be a member of " + Roles.CIN_COORDINATORS + " (was '" + coordinator + "')");
          }
        }),
        Map.entry("supportReview", v -> {                                               // Salford §8
          v.oneOf("supportOutcome", SUPPORT_OUTCOMES);
          v.text("reviewNotes");
          v.daysBetween("nextReviewIn", 7, 84, "P42D");
        }),
        Map.entry("recordWeeklyProgress", v -> v.text("progressNotes")),
        Map.entry("reviewWelfareConcern", v -> {                                        // Salford §4
          v.yesOrNo("escalateToServiceManager");
          v.text("managerNotes");
        }),
        Map.entry("serviceManagerReview", v -> v.text("serviceManagerNotes")),
        Map.entry("recordWithdrawal", v -> {                                            // Salford §8
          v.text("withdrawalNotes");
          v.yesOrNo("cafContinues");
        }),
        Map.entry("chaseOverdueWork", v -> v.text("chaseNotes")));
  }

  @Override
  public void notify(DelegateExecution execution) {
    Consumer<CaseVariables> rule = rules.get(execution.getCurrentActivityId());
    if (rule != null && !execution.isCanceled()) {
      rule.accept(new CaseVariables(execution, calendar));
    }
  }

  public Set<String> taskKeys() {
    return rules.keySet();
  }

  /** Salford §2–§3, §6: the plan; Wiltshire §6: every research factor present answered by the plan. */
  private void returnPlan(CaseVariables v) {
    v.text("returnPlan");
    factors.requireResponses(v);
  }

  /** Salford §7: the nominated officer ratifies only once the child's wishes and the IRO are considered. */
  private static void ratification(CaseVariables v) {
    String decision = v.oneOf("ratificationDecision", RATIFICATION_DECISIONS);
    boolean wishes = v.yesOrNo("childWishesConsidered");
    boolean iro = v.yesOrNo("iroConsulted");
    v.yesOrNo("relativesConsulted");
    v.yesOrNo("carersConsulted");
    if ("RATIFIED".equals(decision) && !wishes) {
      throw new CaseInputRefused("childWishesConsidered",
          "must be true to ratify: the child's wishes and feelings must have been considered (Salford §7)");
    }
    if ("RATIFIED".equals(decision) && !iro) {
      throw new CaseInputRefused("iroConsulted", "must be true to ratify: the IRO must have been consulted (Salford §7)");
    }
  }
}
