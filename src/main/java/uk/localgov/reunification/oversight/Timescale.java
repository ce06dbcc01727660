package uk.localgov.reunification.oversight;

import java.util.Arrays;
import java.util.Optional;

/**
 * The timescales a manager is asked about, each carried by a user task as its due date. The
 * figures count those tasks: done by the due date, done after it, still open past it.
 */
public enum Timescale {
  FIRST_VISIT("firstHomeVisit", "First home visit", "7 or 14 days after the return (Salford §3)"),
  RETURN_REVIEW("returnReview", "Review after an unplanned return", "20 days after the return (Salford §6)"),
  RATIFICATION("ratifyDecision", "Ratification", "7 days after it is asked for (service standard for Salford §7)"),
  CIN_REVIEW("supportReview", "Child in Need review", "6 weeks, then as progress decides (Salford §8)");

  private final String taskKey;
  private final String label;
  private final String rule;

  Timescale(String taskKey, String label, String rule) {
    this.taskKey = taskKey;
    this.label = label;
    this.rule = rule;
  }

  public String taskKey() {
    return taskKey;
  }

  public String label() {
    return label;
  }

  public String rule() {
    return rule;
  }

  static String[] taskKeys() {
    return Arrays.stream(values()).map(Timescale::taskKey).toArray(String[]::new);
  }

  static Optional<Timescale> ofTask(String taskKey) {
    return Arrays.stream(values()).filter(t -> t.taskKey.equals(taskKey)).findFirst();
  }
}
