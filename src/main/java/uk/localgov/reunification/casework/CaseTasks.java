package uk.localgov.reunification.casework;

import org.springframework.stereotype.Component;

/**
 * The task declarations ({@link CaseTask}) for the diagrams' expressions, known as
 * {@code caseTasks}: a chase names the overdue work as its task's timescale declares it.
 */
@Component("caseTasks")
public class CaseTasks {

  /** What is due when the task is, e.g. "First home visit". */
  public String dueWork(String taskKey) {
    return CaseTask.of(taskKey).flatMap(CaseTask::due).map(CaseTask.Due::work)
        .orElseThrow(() -> new IllegalArgumentException(taskKey + " is not a declared task with a timescale"));
  }
}
