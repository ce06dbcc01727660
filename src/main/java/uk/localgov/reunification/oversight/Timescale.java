package uk.localgov.reunification.oversight;

import java.util.Arrays;
import java.util.Optional;
import uk.localgov.reunification.casework.CaseTask;

/**
 * The timescales a manager is asked about, each carried by a user task as its due date (what is
 * due and its rule are declared with the task, {@link CaseTask}). The figures count those tasks:
 * done by the due date, done after it, still open past it.
 */
public enum Timescale {
  FIRST_VISIT(CaseTask.FIRST_HOME_VISIT),
  URGENT_PLAN(CaseTask.COMPLETE_RETURN_PLAN),
  RETURN_REVIEW(CaseTask.RETURN_REVIEW),
  PLACEMENT_PLAN(CaseTask.RECORD_PLACEMENT_PLAN),
  PLACEMENT_ASSESSMENT(CaseTask.ASSESS_PLACEMENT_WITH_PARENT),
  RATIFICATION(CaseTask.RATIFY_DECISION),
  NEXT_STEPS(CaseTask.DECIDE_NEXT_STEPS),
  LEGAL_PLANNING(CaseTask.RECORD_LEGAL_PLANNING),
  PLAN_REVISION(CaseTask.REVISE_PLAN),
  RETURN_HOME(CaseTask.CONFIRM_RETURN_HOME),
  CIN_ALLOCATION(CaseTask.ALLOCATE_CIN_COORDINATOR),
  CIN_REVIEW(CaseTask.SUPPORT_REVIEW),
  WEEKLY_PROGRESS(CaseTask.RECORD_WEEKLY_PROGRESS),
  STATUTORY_VISIT(CaseTask.STATUTORY_VISIT),
  LOOKED_AFTER_REVIEW(CaseTask.LOOKED_AFTER_REVIEW),
  CAF_REVIEW(CaseTask.REVIEW_CAF_SUPPORT),
  CLOSURE_RECORD(CaseTask.RECORD_CASE_CLOSURE),
  CLOSURE_SIGN_OFF(CaseTask.SIGN_OFF_CLOSURE);

  private final CaseTask task;

  Timescale(CaseTask task) {
    this.task = task;
  }

  public String taskKey() {
    return task.key();
  }

  public String label() {
    return due().work();
  }

  public String rule() {
    return due().rule();
  }

  private CaseTask.Due due() {
    return task.due().orElseThrow(() -> new IllegalStateException(task.key() + " declares no timescale"));
  }

  static String[] taskKeys() {
    return Arrays.stream(values()).map(Timescale::taskKey).toArray(String[]::new);
  }

  static Optional<Timescale> ofTask(String taskKey) {
    return Arrays.stream(values()).filter(t -> t.taskKey().equals(taskKey)).findFirst();
  }
}
