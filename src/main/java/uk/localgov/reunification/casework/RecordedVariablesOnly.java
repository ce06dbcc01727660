package uk.localgov.reunification.casework;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;
import uk.localgov.reunification.engine.CommandPayload;
import uk.localgov.reunification.engine.CommandPayload.Message;
import uk.localgov.reunification.engine.CommandPayload.Start;
import uk.localgov.reunification.engine.CommandPayload.TaskCompletion;

/**
 * Each step writes only what it is for (contract: a case's record changes only through its
 * steps). A task completion may write the variables its task records ({@link CaseTask}), a start
 * its start variables ({@link CaseStart}), a message the variables its event carries
 * ({@link CaseMessage}); anything else, the case's own facts included, is refused with a 400
 * naming it before the engine runs the command, so the task stays open and nothing changes.
 * Checked for everyone, administrators too: they repair a case through its own operations.
 *
 * <p>Tasklist sends a form's read-only fields back with the rest. Such a value, unchanged from what
 * the case holds (or empty where the case holds nothing), writes nothing: it is dropped.
 */
@Component
public class RecordedVariablesOnly implements CommandGuard {

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    CommandPayload.taskCompletion(command).ifPresent(completion -> check(completion, context));
    CommandPayload.start(command).ifPresent(start -> check(start, context));
    CommandPayload.message(command).ifPresent(message -> check(message, caller));
  }

  private static void check(TaskCompletion completion, CommandContext context) {
    if (completion.variables().isEmpty()) {
      return;
    }
    TaskEntity task = context.getTaskManager().findTaskById(completion.taskId());
    if (task == null || task.getProcessInstanceId() == null) {
      return; // the engine answers an unknown task itself; a stand-alone task belongs to no case
    }
    String key = task.getTaskDefinitionKey();
    Set<String> recorded = CaseTask.of(key).map(CaseTask::recordedNames).orElse(Set.of());
    Map<String, Object> kept = new LinkedHashMap<>();
    for (Map.Entry<String, Object> variable : completion.variables().entrySet()) {
      String name = variable.getKey();
      if (recorded.contains(name)) {
        kept.put(name, variable.getValue());
      } else if (!unchanged(variable.getValue(), task.getVariableTyped(name))) {
        throw new CaseInputRefused(name, "is not recorded by " + CaseTask.labelOf(key) + " (" + key + "), which records "
            + listed(recorded) + "; the rest of a case changes only through its own steps");
      }
    }
    if (kept.size() < completion.variables().size()) {
      completion.keepOnly(kept);
    }
  }

  private static void check(Start start, CommandContext context) {
    String key = start.processDefinitionKey() != null ? start.processDefinitionKey()
        : context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedProcessDefinitionById(start.processDefinitionId()).getKey();
    CaseStart.of(key).ifPresent(declared -> start.variables().keySet().stream()
        .filter(name -> !declared.variables().contains(name)).findFirst().ifPresent(name -> {
          throw new CaseInputRefused(name, "is not a start variable of " + key + ", which takes "
              + listed(declared.variables()));
        }));
  }

  private static void check(Message message, Caller caller) {
    CaseMessage.of(message.messageName()).ifPresent(declared -> {
      if (declared.isSentByTheApplicationOnly() && caller != null) {
        throw new CaseInputRefused("messageName", message.messageName() + " is sent by the application itself, between"
            + " a case's own processes; the events other systems send are the contract's messages");
      }
      message.variables().keySet().stream().filter(name -> !declared.variables().contains(name)).findFirst()
          .ifPresent(name -> {
            throw new CaseInputRefused(name, "is not carried by message " + message.messageName() + ", which carries "
                + (declared.variables().isEmpty() ? "no variables" : listed(declared.variables())));
          });
      message.localVariables().keySet().stream().findFirst().or(() -> message.triggeredScopeVariables().keySet()
          .stream().findFirst()).ifPresent(name -> {
            throw new CaseInputRefused(name, "may not be set on the scope message " + message.messageName()
                + " reaches: a message's variables belong to the case");
          });
    });
  }

  /** A value sent back as the case already holds it, or empty where it holds nothing. */
  static boolean unchanged(Object given, TypedValue held) {
    Object value = given instanceof TypedValue typed ? plain(typed) : given;
    Object current = held == null ? null : plain(held);
    if (current == null) {
      return value == null || value instanceof String text && text.isBlank();
    }
    if (value instanceof Number number && current instanceof Number number2) {
      return number.doubleValue() == number2.doubleValue();
    }
    return Objects.equals(value, current) || value != null && value.toString().equals(current.toString());
  }

  private static Object plain(TypedValue value) {
    if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      return serializable.getValueSerialized();
    }
    return value.getValue();
  }

  private static String listed(Collection<String> names) {
    return names.isEmpty() ? "nothing" : "only " + String.join(", ", names);
  }
}
