package uk.localgov.reunification.engine;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * A rule on what a caller may ask the engine to do, checked before the engine does any of it. A
 * guard sees only the command that came from outside (REST, Tasklist, Cockpit, a Java caller),
 * never the commands the engine runs for the process itself: a refusal there would break a case
 * mid-step. It refuses by throwing; the engine then rolls the whole command back.
 */
public interface CommandGuard {

  /**
   * @param caller who asked, or {@code null} for the application itself (a Java call with no
   *     authenticated user: the demo, a test, a job)
   */
  void check(Command<?> command, Caller caller, CommandContext context);
}
