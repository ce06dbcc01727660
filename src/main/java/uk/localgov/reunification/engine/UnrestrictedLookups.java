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

  private final ProcessEngine engine;

  public UnrestrictedLookups(ProcessEngine engine) {
    this.engine = engine;
  }

  public <T> T read(Supplier<T> lookup) {
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
