package uk.localgov.reunification.casework;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where an open case stands, read from the work open on it (each task's stage is declared with
 * the task, {@link CaseTask}). When work of two stages is open at once (after an unplanned return
 * the first visit runs beside the plan and the review), the case is at the stage furthest along
 * the main line.
 */
public enum Stage {
  RETURN_HOME_AND_FIRST_VISIT("Return home and first visit"),
  PLANNING("Assessment and return plan"),
  IRO_REVIEW("Review by the IRO"),
  RATIFICATION("Ratification"),
  SUPPORT_AT_HOME("Support at home"),
  CLOSING("Closing the case"),
  NO_OPEN_WORK("No open work (waiting on the engine)");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The keys of the tasks that are steps of a case's main line. */
  public static String[] taskKeys() {
    return Arrays.stream(CaseTask.values()).filter(task -> task.stage().isPresent()).map(CaseTask::key)
        .toArray(String[]::new);
  }

  /** The stage of a case with these open tasks; {@link #NO_OPEN_WORK} when it has none of a stage. */
  public static Stage of(Collection<String> openTaskKeys) {
    return openTaskKeys.stream().map(CaseTask::of).flatMap(Optional::stream).map(CaseTask::stage)
        .flatMap(Optional::stream).max(Comparator.naturalOrder()).orElse(NO_OPEN_WORK);
  }
}
