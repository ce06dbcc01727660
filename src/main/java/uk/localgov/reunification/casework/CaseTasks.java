package uk.localgov.reunification.casework;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;

/**
 * The task declarations ({@link CaseTask}) for the diagrams' expressions, known as
 * {@code caseTasks}: a chase names the overdue work as its task's timescale declares it.
 */
@Component("caseTasks")
public class CaseTasks {

  /**
   * A case variable for a called process's form: its value, or the empty value of its kind where the
   * case holds none yet. A called process never receives a null variable, because Tasklist sends a
   * form's answer in the type of the variable it finds, and a null one refuses every answer.
   */
  public Object orNone(DelegateExecution execution, String name, String kind) {
    Object value = execution.getVariable(name);
    if (value != null) {
      return value;
    }
    return switch (kind) {
      case "list" -> Spin.JSON("[]");
      case "map" -> Spin.JSON("{}");
      default -> "";
    };
  }

  /** What is due when the task is, e.g. "First home visit". */
  public String dueWork(String taskKey) {
    return CaseTask.of(taskKey).flatMap(CaseTask::due).map(CaseTask.Due::work)
        .orElseThrow(() -> new IllegalArgumentException(taskKey + " is not a declared task with a timescale"));
  }
}
