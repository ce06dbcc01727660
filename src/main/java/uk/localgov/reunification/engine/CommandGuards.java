package uk.localgov.reunification.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link CommandGuard} on each command that comes from outside the engine, and shows
 * every {@link CommandObserver} what it returned. A command
 * is from outside when no other command is running on its thread: the engine's own nested
 * commands (a delegate starting a welfare concern, a job's work, the application's unrestricted
 * lookups) run inside another and are not checked again. Two interceptors work together: one
 * before the engine opens its command context notes whether a command is already running, one
 * inside the context (where the caller and the database are at hand) runs the guards.
 *
 * <p>The guards are Spring beans, taken once the application context is ready, in the order
 * {@link EngineHooks#GUARDS} gives them: the engine's own start-up (schema, deployment, roles)
 * runs before any guard exists.
 */
@Component
public class CommandGuards extends OrderedPlugin {

  private static final ThreadLocal<Deque<Boolean>> FROM_OUTSIDE = ThreadLocal.withInitial(ArrayDeque::new);

  private final ObjectProvider<CommandGuard> available;
  private final ObjectProvider<CommandObserver> availableObservers;
  private volatile List<CommandGuard> guards = List.of();
  private volatile List<CommandObserver> observers = List.of();

  public CommandGuards(ObjectProvider<CommandGuard> available, ObjectProvider<CommandObserver> availableObservers) {
    this.available = available;
    this.availableObservers = availableObservers;
  }

  @EventListener(ContextRefreshedEvent.class)
  void takeGuards() {
    guards = available.stream()
        .sorted(java.util.Comparator.comparingInt(guard -> EngineHooks.placeOf(EngineHooks.GUARDS, guard))).toList();
    observers = availableObservers.stream()
        .sorted(java.util.Comparator.comparingInt(observer -> EngineHooks.placeOf(EngineHooks.OBSERVERS, observer))).toList();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new NoteWhereFrom());
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Guard());
  }

  /** Before the command context: a command is from outside when no command context is open yet. */
  private static final class NoteWhereFrom extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      Deque<Boolean> stack = FROM_OUTSIDE.get();
      stack.push(Context.getCommandContext() == null);
      try {
        return next.execute(command);
      } finally {
        stack.pop();
        if (stack.isEmpty()) {
          FROM_OUTSIDE.remove();
        }
      }
    }
  }

  /** Inside the command context: the guards, for a command from outside. */
  private final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      boolean fromOutside = Boolean.TRUE.equals(FROM_OUTSIDE.get().peek()) && !UnrestrictedLookups.isRunning();
      if (fromOutside && !guards.isEmpty()) {
        var context = Context.getCommandContext();
        Caller caller = Caller.of(context);
        for (CommandGuard guard : guards) {
          guard.check(command, caller, context);
        }
      }
      T result = next.execute(command);
      if (fromOutside && !observers.isEmpty()) {
        var context = Context.getCommandContext();
        Caller caller = Caller.of(context);
        for (CommandObserver observer : observers) {
          observer.observed(command, result, caller, context);
        }
      }
      return result;
    }
  }
}
