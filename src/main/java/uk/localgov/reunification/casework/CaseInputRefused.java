package uk.localgov.reunification.casework;

import jakarta.ws.rs.core.Response.Status;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

/**
 * A start or a task completion refused because a variable is missing or breaks its rule. The
 * engine rolls the whole command back, so nothing is half-done: no process instance, the task
 * still open. It is Camunda REST's own 400 exception, so every REST entry (process start,
 * start-form and task-form submission, task completion, in /engine-rest and in Tasklist) answers
 * 400 with this message, which names the variable.
 */
public class CaseInputRefused extends InvalidRequestException {

  private final String variable;

  public CaseInputRefused(String variable, String problem) {
    super(Status.BAD_REQUEST, "'" + variable + "' " + problem);
    this.variable = variable;
  }

  public String getVariable() {
    return variable;
  }
}
