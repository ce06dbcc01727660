package uk.localgov.reunification.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Runs a read on the engine without the calling user's authorizations, for the checks the
 * application itself must make whoever asked: is this person a social worker, who is their line
 * manager, has this child already an active case. Never used to hand data to a caller.
 */
@Component
public class UnrestrictedLookups {

  private static final ThreadLocal<Integer> RUNNING = ThreadLocal.withInitial(() -> 0);

  private final ProcessEngine engine;

  public UnrestrictedLookups(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Whether an unrestricted lookup runs on this thread: a check of the application's, not a read by a person. */
  static boolean isRunning() {
    return RUNNING.get() > 0;
  }

  public <T> T read(Supplier<T> lookup) {
    RUNNING.set(RUNNING.get() + 1);
    try {
      return readUnrestricted(lookup);
    } finally {
      RUNNING.set(RUNNING.get() - 1);
      if (RUNNING.get() == 0) {
        RUNNING.remove();
      }
    }
  }

  private <T> T readUnrestricted(Supplier<T> lookup) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute((CommandContext context) -> {
          boolean wasEnabled = context.isAuthorizationCheckEnabled();
          context.disableAuthorizationCheck();
          try {
            return lookup.get();
          } finally {
            if (wasEnabled) {
              context.enableAuthorizationCheck();
            }
          }
        });
  }
}
