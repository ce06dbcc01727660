package uk.localgov.reunification.engine;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Sees what a command from outside the engine (REST, Tasklist, Cockpit, the project's API, a Java
 * caller) returned, inside its transaction, after the engine did it: to record who read what. Like
 * a {@link CommandGuard}, never called for the commands the engine runs for itself, nor for the
 * application's unrestricted lookups.
 */
public interface CommandObserver {

  /** @param caller who asked, or {@code null} for the application itself */
  void observed(Command<?> command, Object result, Caller caller, CommandContext context);
}
