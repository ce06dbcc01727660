package uk.localgov.reunification.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Runs the application's own read inside one engine command, with the calling user's
 * authorizations still applied. Camunda's {@code queryMaxResultsLimit} bounds what a caller asks
 * for (REST, webapps, a query under a user's authentication outside a command); a read the
 * application makes for a purpose that needs every row, a case's whole chronology or the oversight
 * figures of what the caller may see, is bounded by that purpose instead, as the engine's own
 * queries inside its commands are. The caller still sees only what their grants allow.
 */
@Component
public class CallersReads {

  private final ProcessEngine engine;

  public CallersReads(ProcessEngine engine) {
    this.engine = engine;
  }

  public <T> T read(Supplier<T> lookup) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(new Read<>(lookup));
  }

  /** A read made for the caller, as a command of its own: what it returns is read by the caller (the read log). */
  public static final class Read<T> implements org.camunda.bpm.engine.impl.interceptor.Command<T> {
    private final Supplier<T> lookup;

    Read(Supplier<T> lookup) {
      this.lookup = lookup;
    }

    @Override
    public T execute(CommandContext context) {
      return lookup.get();
    }
  }
}
