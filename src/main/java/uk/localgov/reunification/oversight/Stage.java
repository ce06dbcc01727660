package uk.localgov.reunification.oversight;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

/**
 * Where an open case stands, read from the work open on it. When work of two stages is open at
 * once (after an unplanned return the first visit runs beside the plan and the review), the case
 * is at the stage furthest along the main line.
 */
public enum Stage {
  RETURN_HOME_AND_FIRST_VISIT("Return home and first visit"),
  PLANNING("Assessment and return plan"),
  IRO_REVIEW("Review by the IRO"),
  RATIFICATION("Ratification"),
  SUPPORT_AT_HOME("Support at home"),
  CLOSING("Closing: family withdrew"),
  NO_OPEN_WORK("No open work (waiting on the engine)");

  private static final Map<String, Stage> BY_TASK = Map.ofEntries(
      Map.entry("completeAssessment", PLANNING), Map.entry("compileReturnPlan", PLANNING),
      Map.entry("completeReturnPlan", PLANNING),
      Map.entry("preReturnReview", IRO_REVIEW), Map.entry("returnReview", IRO_REVIEW),
      Map.entry("ratifyDecision", RATIFICATION), Map.entry("provideFurtherInformation", RATIFICATION),
      Map.entry("confirmReturnHome", RETURN_HOME_AND_FIRST_VISIT), Map.entry("firstHomeVisit", RETURN_HOME_AND_FIRST_VISIT),
      Map.entry("allocateCinCoordinator", SUPPORT_AT_HOME), Map.entry("supportReview", SUPPORT_AT_HOME),
      Map.entry("recordWeeklyProgress", SUPPORT_AT_HOME),
      Map.entry("recordWithdrawal", CLOSING));

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  static String[] taskKeys() {
    return BY_TASK.keySet().toArray(String[]::new);
  }

  /** The stage of a case with these open tasks; {@link #NO_OPEN_WORK} when it has none of a stage. */
  static Stage of(Collection<String> openTaskKeys) {
    return openTaskKeys.stream().map(BY_TASK::get).filter(s -> s != null)
        .max(Comparator.naturalOrder()).orElse(NO_OPEN_WORK);
  }
}
