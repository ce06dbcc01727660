package uk.localgov.reunification.access;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Objects;
import jakarta.ws.rs.core.Response.Status;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskEventsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.casework.TextBounds;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;

/**
 * Comments and attachments are part of a child's case, so they are read and added only by those
 * who may read the case. Camunda checks no authorization on them: any login could read every
 * comment of a task by its id, or add one to another case by naming that case's instance in the
 * comment's body. Here a comment or attachment, read or added, belongs to one task or case that
 * the caller may read (the engine's own authorized query answers that), and a comment added to a
 * task belongs to that task's case. What is read is then in the read log like any other read.
 */
@Component
public class CommentsAndAttachments implements CommandGuard {

  /** The commands, each with the fields that name its task, case or attachment. */
  private static final Map<Class<?>, String[]> NAMED_BY = Map.ofEntries(
      Map.entry(AddCommentCmd.class, new String[] {"taskId", "processInstanceId"}),
      Map.entry(CreateAttachmentCmd.class, new String[] {"taskId", "processInstanceId"}),
      Map.entry(GetTaskCommentsCmd.class, new String[] {"taskId", null}),
      Map.entry(GetTaskCommentCmd.class, new String[] {"taskId", null}),
      Map.entry(GetTaskEventsCmd.class, new String[] {"taskId", null}),
      Map.entry(GetTaskAttachmentsCmd.class, new String[] {"taskId", null}),
      Map.entry(GetTaskAttachmentCmd.class, new String[] {"taskId", null}),
      Map.entry(GetTaskAttachmentContentCmd.class, new String[] {"taskId", null}),
      Map.entry(GetProcessInstanceCommentsCmd.class, new String[] {null, "processInstanceId"}),
      Map.entry(GetProcessInstanceAttachmentsCmd.class, new String[] {null, "processInstanceId"}),
      Map.entry(GetAttachmentCmd.class, new String[] {null, null}),
      Map.entry(GetAttachmentContentCmd.class, new String[] {null, null}));

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    String[] fields = NAMED_BY.get(command.getClass());
    if (fields == null || caller == null || caller.isAdministrator()) {
      return;
    }
    String taskId = fields[0] == null ? null : (String) field(command, fields[0]);
    String processInstanceId = fields[1] == null ? null : (String) field(command, fields[1]);
    if (fields[0] == null && fields[1] == null) {
      AttachmentEntity attachment = context.getDbEntityManager().selectById(AttachmentEntity.class,
          (String) field(command, "attachmentId"));
      if (attachment == null) {
        return; // the engine answers an unknown attachment itself
      }
      taskId = attachment.getTaskId();
      processInstanceId = attachment.getProcessInstanceId();
    }
    if (command instanceof AddCommentCmd comment) {
      String message = (String) field(comment, "message");
      if (message != null && message.length() > TextBounds.TEXT) {
        throw new InvalidRequestException(Status.BAD_REQUEST, "'message' must be at most " + TextBounds.TEXT
            + " characters (was " + message.length() + ")");
      }
    }
    if (taskId != null) {
      String caseOfTask = caseOfTask(taskId, context);
      if (processInstanceId != null && caseOfTask != null && !Objects.equals(processInstanceId, caseOfTask)) {
        throw new InvalidRequestException(Status.BAD_REQUEST, "'processInstanceId' must be the case of task " + taskId
            + ": a comment or attachment belongs to the task's own case");
      }
      requireReadable(caller, caseOfTask, taskId, context);
    } else if (processInstanceId != null) {
      requireReadable(caller, processInstanceId, null, context);
    }
  }

  private static String caseOfTask(String taskId, CommandContext context) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task != null) {
      return task.getProcessInstanceId();
    }
    HistoricTaskInstanceEntity done = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId);
    return done == null ? null : done.getProcessInstanceId();
  }

  /** The engine's own authorized history query says whether the caller may read the case. */
  private static void requireReadable(Caller caller, String processInstanceId, String taskId, CommandContext context) {
    var engine = context.getProcessEngineConfiguration();
    boolean readable = processInstanceId != null
        ? engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
        : taskId != null && engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0;
    if (!readable) {
      throw new AuthorizationException("'" + caller.userId() + "' may not read or add to the comments and attachments of "
          + (processInstanceId != null ? "case " + processInstanceId : "task " + taskId)
          + ": they belong to a case the caller does not work on");
    }
  }

  private static Object field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (NoSuchFieldException next) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " has no field '" + name
        + "': the check of comments and attachments must be revisited for this engine version");
  }
}
