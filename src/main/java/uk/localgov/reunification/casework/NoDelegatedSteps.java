package uk.localgov.reunification.casework;

import jakarta.ws.rs.core.Response.Status;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;

/**
 * No step of a case is delegated (contract, wave 3). Camunda's delegation hands a task to someone
 * else and back: {@code resolve} ends the delegation with whatever variables are given, none of a
 * task's rules applied, and leaves the task with no assignee or candidates, so the case stalls;
 * on {@code allocateCinCoordinator} it wrote a co-ordinator nobody checked. Work moves between
 * people by reallocation (access/Reallocation), which keeps the case's grants right. Delegating,
 * resolving, or saving a task with a delegation state is refused with a 400, for everyone.
 */
@Component
public class NoDelegatedSteps implements CommandGuard {

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    if (command instanceof DelegateTaskCmd || command instanceof ResolveTaskCmd
        || command instanceof SaveTaskCmd save && delegates(save)) {
      throw new InvalidRequestException(Status.BAD_REQUEST, "No step of a case is delegated: 'delegate' and 'resolve'"
          + " are not used here. Complete the task with what it records, or ask the line manager to reallocate it");
    }
  }

  private static boolean delegates(SaveTaskCmd save) {
    try {
      java.lang.reflect.Field field = SaveTaskCmd.class.getDeclaredField("task");
      field.setAccessible(true);
      TaskEntity task = (TaskEntity) field.get(save);
      return task != null && task.getDelegationState() != null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's SaveTaskCmd has no field 'task': revisit the delegation check", e);
    }
  }
}
