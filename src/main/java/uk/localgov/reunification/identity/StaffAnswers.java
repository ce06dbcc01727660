package uk.localgov.reunification.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.springframework.stereotype.Component;

/**
 * What the staff directory has answered within one engine command, so that a command which
 * creates several tasks of a case (a plan completed opens the first visit and the IRO's review),
 * or assigns a chase and then shares it, asks the identity service once. Kept only for the
 * command: a change in Admin counts from the next one.
 */
@Component
public class StaffAnswers extends OrderedPlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new GenericManagerFactory(OfOneCommand.class));
  }

  /** The answer to a question asked before in this command, or the lookup's answer, kept for the rest of it. */
  @SuppressWarnings("unchecked")
  static <T> T once(String question, Supplier<T> lookup) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return lookup.get();
    }
    Map<String, Object> answers = command.getSession(OfOneCommand.class).answers;
    if (answers.containsKey(question)) {
      return (T) answers.get(question);
    }
    T answer = lookup.get();
    answers.put(question, answer);
    return answer;
  }

  /** The answers of one command. */
  public static class OfOneCommand implements Session {
    final Map<String, Object> answers = new HashMap<>();

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}
