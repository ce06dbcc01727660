package uk.localgov.reunification.access;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetProcessInstanceStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CreateIncidentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.cmd.SetUserPictureCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserPictureCmd;
import org.camunda.bpm.engine.impl.cmd.SetUserInfoCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserInfoCmd;
import org.camunda.bpm.engine.impl.cmd.SaveGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricCaseInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricCaseInstancesBulkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricTaskInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserOperationLogEntryCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveIncidentCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateCommentCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateDecisionDefinitionHistoryTimeToLiveCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateProcessDefinitionHistoryTimeToLiveCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteHistoricProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricDecisionInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.DeleteHistoricDecisionInstanceByDefinitionIdCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.DeleteHistoricDecisionInstanceByInstanceIdCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.DeleteHistoricDecisionInstancesBatchCmd;
import org.camunda.bpm.engine.impl.dmn.cmd.DeleteHistoricDecisionInstancesBulkCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;

/**
 * A child's case record is evidence: it changes only through its steps (tasks completed, messages
 * from the case-record system, the engine's own timers). The engine commands that would move,
 * edit or delete a case behind its steps are refused to every authenticated caller but an
 * administrator ({@code camunda-admin}), whatever Camunda's authorizations allow: correlating a
 * message needs UPDATE on the case, and Camunda's permissions cannot tell that apart from
 * modifying it. The application itself (no caller: jobs, the demo) is not refused.
 *
 * <p>Commands are matched by class, so each group names the engine's classes (or their common
 * superclass) and what they do to a case, which the refusal repeats. Left to the engine's own
 * authorizations: reads and queries, claiming and assigning tasks, completing tasks and
 * submitting forms, starting a process at its start event, correlating a message, task dates,
 * adding comments (to a case the caller may read: {@link CommentsAndAttachments}) and filters. A
 * person's own record, password and memberships change only through an administrator (or, with
 * sign-in from the directory, the directory).
 */
@Component
public class AdministratorsOnly implements CommandGuard {

  /** Engine commands that do one thing to a case, as a refusal names it. */
  record Commands(String what, List<Class<?>> classes) {

    Commands(String what, Class<?>... classes) {
      this(what, List.of(classes));
    }

    boolean include(Class<?> command) {
      return classes.stream().anyMatch(type -> type.isAssignableFrom(command));
    }
  }

  static final List<Commands> ADMINISTRATORS_ONLY = List.of(
      new Commands("modify a process instance",
          ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class,
          // the single instructions (start before, cancel) are commands too
          AbstractProcessInstanceModificationCommand.class),
      new Commands("restart a process instance",
          AbstractRestartProcessInstanceCmd.class, RestartProcessInstancesBatchCmd.class),
      // a definition suspended with its instances suspends every case of it
      new Commands("suspend or activate a process instance or process definition",
          AbstractSetProcessInstanceStateCmd.class, AbstractUpdateProcessInstancesSuspendStateCmd.class,
          AbstractSetProcessDefinitionStateCmd.class),
      // deleting a definition or deployment with cascade deletes its cases
      new Commands("delete a process instance, process definition or deployment",
          AbstractDeleteProcessInstanceCmd.class, DeleteProcessInstanceBatchCmd.class,
          AbstractDeleteProcessDefinitionCmd.class, DeleteDeploymentCmd.class),
      new Commands("delete the history of a case",
          DeleteHistoricProcessInstancesCmd.class, DeleteHistoricProcessInstancesBatchCmd.class,
          DeleteHistoricTaskInstanceCmd.class, DeleteHistoricVariableInstanceCmd.class,
          DeleteHistoricVariableInstancesByProcessInstanceIdCmd.class, DeleteUserOperationLogEntryCmd.class,
          DeleteHistoricDecisionInstanceByDefinitionIdCmd.class, DeleteHistoricDecisionInstanceByInstanceIdCmd.class,
          DeleteHistoricDecisionInstancesBulkCmd.class, DeleteHistoricDecisionInstancesBatchCmd.class,
          DeleteHistoricCaseInstanceCmd.class, DeleteHistoricCaseInstancesBulkCmd.class),
      new Commands("change when the history of a case is removed",
          SetRemovalTimeToHistoricProcessInstancesCmd.class, SetRemovalTimeToHistoricDecisionInstancesCmd.class,
          UpdateProcessDefinitionHistoryTimeToLiveCmd.class, UpdateDecisionDefinitionHistoryTimeToLiveCmd.class),
      // set, patch and remove, global and local, on process instances, executions and tasks; a
      // task's variables reach its process instance
      new Commands("write or remove variables of a process instance, execution or task",
          AbstractVariableCmd.class, AbstractPatchVariablesCmd.class, SetVariablesToProcessInstancesBatchCmd.class),
      // a timer's due date is the case's timescale; retries and execution decide when its work runs.
      // After a refused execution the engine runs its failed-job listener as a command of its own,
      // which would count the refusal as a failed try of the job: refused too.
      new Commands("change, execute or delete a job",
          SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class, SetJobRetriesCmd.class,
          AbstractSetJobsRetriesBatchCmd.class, SetJobPriorityCmd.class, SetJobDefinitionPriorityCmd.class,
          ExecuteJobsCmd.class, FailedJobListener.class, DeleteJobCmd.class, AbstractSetJobStateCmd.class,
          AbstractSetJobDefinitionStateCmd.class),
      // each moves a waiting activity on without its task; messages go through correlation
      new Commands("trigger an execution (signal, message subscription, BPMN error or escalation of a task)",
          SignalCmd.class, MessageEventReceivedCmd.class, SignalEventReceivedCmd.class,
          HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class),
      new Commands("correlate a message to many cases at once",
          CorrelateAllMessageBatchCmd.class),
      new Commands("create or resolve an incident",
          CreateIncidentCmd.class, ResolveIncidentCmd.class),
      new Commands("migrate a process instance",
          AbstractMigrationCmd.class, SetProcessDefinitionVersionCmd.class),
      // instructions may skip the start event, its checks and listeners
      new Commands("start a process instance at chosen activities",
          StartProcessInstanceAtActivitiesCmd.class),
      new Commands("create a stand-alone task",
          CreateTaskCmd.class),
      new Commands("update or delete a comment or attachment",
          UpdateCommentCmd.class, DeleteTaskCommentCmd.class, DeleteProcessInstanceCommentCmd.class,
          SaveAttachmentCmd.class, DeleteAttachmentCmd.class),
      // Camunda gives every person ALL on their own user record: a caseworker could point the work
      // notices, which name children, at another address, or change their own groups' members
      new Commands("change a person's record, password, picture, groups or authority",
          SaveUserCmd.class, DeleteUserCmd.class, UnlockUserCmd.class, SetUserPictureCmd.class,
          DeleteUserPictureCmd.class, SetUserInfoCmd.class, DeleteUserInfoCmd.class, SaveGroupCmd.class,
          DeleteGroupCmd.class, CreateMembershipCmd.class, DeleteMembershipCmd.class, SaveTenantCmd.class,
          DeleteTenantCmd.class, CreateTenantUserMembershipCmd.class, CreateTenantGroupMembershipCmd.class,
          DeleteTenantUserMembershipCmd.class, DeleteTenantGroupMembershipCmd.class));

  /** The group of each command class, found once per class. */
  private static final ClassValue<Optional<Commands>> GROUP_OF = new ClassValue<>() {
    @Override
    protected Optional<Commands> computeValue(Class<?> command) {
      return ADMINISTRATORS_ONLY.stream().filter(group -> group.include(command)).findFirst();
    }
  };

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    if (caller == null || caller.isAdministrator()) {
      return;
    }
    GROUP_OF.get(command.getClass()).ifPresent(group -> {
      throw refusal(caller, group);
    });
  }

  static AuthorizationException refusal(Caller caller, Commands group) {
    return new AuthorizationException("Only an administrator (camunda-admin) may " + group.what()
        + ": a case changes only through its steps. Refused to '" + caller.userId() + "'.");
  }
}
