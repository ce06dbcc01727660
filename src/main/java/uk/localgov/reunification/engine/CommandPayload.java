package uk.localgov.reunification.engine;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The variables a command from outside asks the engine to write: a task completion (complete,
 * resolve, submit-form, in REST and Tasklist alike), a process start (start, submit-form) or a
 * message. Camunda's commands keep them in protected fields with no getter, so they are read
 * here, in one place; the fields are looked up when this class loads, so an engine whose commands
 * changed fails at start-up rather than letting variables through.
 */
public final class CommandPayload {

  private static final Field COMPLETION_TASK = field(CompleteTaskCmd.class, "taskId");
  private static final Field COMPLETION_VARIABLES = field(CompleteTaskCmd.class, "variables");
  private static final Field TASK_FORM_TASK = field(SubmitTaskFormCmd.class, "taskId");
  private static final Field TASK_FORM_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
  private static final Field START_BUILDER = field(StartProcessInstanceCmd.class, "instantiationBuilder");
  private static final Field START_FORM_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");
  private static final Field START_FORM_VARIABLES = field(SubmitStartFormCmd.class, "variables");
  private static final Field CORRELATION = field(AbstractCorrelateMessageCmd.class, "builder");
  private static final Field VARIABLES_IN_RESULT = field(AbstractCorrelateMessageCmd.class, "variablesInResultEnabled");

  private CommandPayload() {
  }

  /** A task completion and the variables it would write; {@link #keepOnly} drops the others before the engine sees them. */
  public record TaskCompletion(String taskId, Map<String, Object> variables, Command<?> command) {

    public void keepOnly(Map<String, Object> kept) {
      Field field = command instanceof CompleteTaskCmd ? COMPLETION_VARIABLES : TASK_FORM_VARIABLES;
      set(field, command, command instanceof CompleteTaskCmd ? new LinkedHashMap<>(kept) : Variables.fromMap(kept));
    }
  }

  /** A process start: its definition by key or id, and its variables. */
  public record Start(String processDefinitionKey, String processDefinitionId, Map<String, Object> variables) {
  }

  /**
   * A message, how it is addressed, and what it would write on the process instance, on the scope it
   * reaches, and on that scope only.
   */
  public record Message(String messageName, String businessKey, Address address, Map<String, Object> variables,
      Map<String, Object> localVariables, Map<String, Object> triggeredScopeVariables) {
  }

  /**
   * What a message names besides its business key, each by the field REST takes it in: {@code all}
   * (every matching execution), a {@code processInstanceId}, a {@code processDefinitionId},
   * {@code correlationKeys} and {@code localCorrelationKeys} (variables to match), a {@code tenantId}
   * (or {@code withoutTenantId}), and {@code variablesInResultEnabled} (the reached case's variables
   * returned to the sender).
   */
  public record Address(boolean all, String processInstanceId, String processDefinitionId, Map<String, Object> correlationKeys,
      Map<String, Object> localCorrelationKeys, boolean tenantIdSet, boolean variablesInResult) {
  }

  public static Optional<TaskCompletion> taskCompletion(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return Optional.of(new TaskCompletion((String) get(COMPLETION_TASK, command), map(get(COMPLETION_VARIABLES, command)), command));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return Optional.of(new TaskCompletion((String) get(TASK_FORM_TASK, command), map(get(TASK_FORM_VARIABLES, command)), command));
    }
    return Optional.empty();
  }

  public static Optional<Start> start(Command<?> command) {
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) get(START_BUILDER, command);
      return Optional.of(new Start(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId(), map(builder.getVariables())));
    }
    if (command instanceof SubmitStartFormCmd) {
      return Optional.of(new Start(null, (String) get(START_FORM_DEFINITION, command), map(get(START_FORM_VARIABLES, command))));
    }
    return Optional.empty();
  }

  public static Optional<Message> message(Command<?> command) {
    if (command instanceof AbstractCorrelateMessageCmd) {
      MessageCorrelationBuilderImpl builder = (MessageCorrelationBuilderImpl) get(CORRELATION, command);
      Address address = new Address(command instanceof CorrelateAllMessageCmd, builder.getProcessInstanceId(),
          builder.getProcessDefinitionId(), map(builder.getCorrelationProcessInstanceVariables()),
          map(builder.getCorrelationLocalVariables()), builder.isTenantIdSet(), (Boolean) get(VARIABLES_IN_RESULT, command));
      return Optional.of(new Message(builder.getMessageName(), builder.getBusinessKey(), address,
          map(builder.getPayloadProcessInstanceVariables()),
          map(builder.getPayloadProcessInstanceVariablesLocal()), map(builder.getPayloadProcessInstanceVariablesToTriggeredScope())));
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object variables) {
    return variables == null ? Map.of() : (Map<String, Object>) variables;
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda's " + type.getSimpleName() + " has no field '" + name
          + "': the check of what a command writes must be revisited for this engine version", e);
    }
  }

  private static Object get(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void set(Field field, Object command, Object value) {
    try {
      field.set(command, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
