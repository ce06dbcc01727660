package uk.localgov.reunification.access;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.casework.ReturnStartCheck;

/**
 * Shares every case as its work appears: each user task of every deployed process, when created,
 * is shared with the people of the child's case (see {@link CaseAccess}). Only creation counts:
 * who those people are comes from the case's variables, not from a task's assignee, and a
 * reallocation shares the whole case itself. Added by the engine to every diagram, so a process
 * owner editing a diagram in Modeler cannot forget it.
 */
@Component
public class CaseAccessPlugin extends OrderedPlugin {

  private final CaseAccess access;

  public CaseAccessPlugin(@Lazy CaseAccess access) {
    this.access = access;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(shareTasks());
    configuration.setEnableHistoricInstancePermissions(true);
  }

  private BpmnParseListener shareTasks() {
    TaskListener share = this::share;
    TaskListener takenBy = this::offerEnds;
    return new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, share);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, takenBy);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, takenBy);
      }
    };
  }

  /**
   * The return process at the root of the task's case, as the engine knows it: the process that
   * called the task's own, or the task's own when it is a return. {@code null} for a process
   * started on its own under the case reference (a welfare concern), whose case is found by it.
   */
  static String caseRoot(ExecutionEntity execution) {
    String root = execution.getRootProcessInstanceId();
    if (root != null && !root.equals(execution.getProcessInstanceId())) {
      return root;
    }
    return ReturnStartCheck.RETURN_PROCESSES.contains(execution.getProcessDefinition().getKey())
        ? execution.getProcessInstanceId() : null;
  }

  private void share(DelegateTask task) {
    ExecutionEntity execution = (ExecutionEntity) task.getExecution();
    String childId = execution == null ? null : execution.getProcessBusinessKey();
    if (childId != null) {
      // the case's facts from the task's execution: a task just created holds no variables of its own,
      // and asking it would read them from the database
      access.share(childId, task.getProcessInstanceId(), caseRoot(execution), task.getId(), task.getAssignee(),
          access.people(execution));
    }
    task.getCandidates().stream().filter(link -> link.getGroupId() != null)
        .forEach(link -> access.shareInstanceWithGroup(link.getGroupId(), task.getProcessInstanceId()));
  }

  /**
   * Least privilege for work offered to a role group (a service manager's next steps, a
   * ratification): the group reads the process instance only while the task is open; whoever
   * completes it keeps reading it, as the people allocated to the case do.
   */
  private void offerEnds(DelegateTask task) {
    var groups = task.getCandidates().stream().map(link -> link.getGroupId()).filter(java.util.Objects::nonNull)
        .collect(java.util.stream.Collectors.toSet());
    if (groups.isEmpty() || task.getProcessInstanceId() == null) {
      return;
    }
    String taker = task.getAssignee() != null ? task.getAssignee()
        : org.camunda.bpm.engine.impl.context.Context.getCommandContext().getAuthenticatedUserId();
    if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName()) && taker != null) {
      access.shareInstanceWithUser(taker, task.getProcessInstanceId());
    }
    access.withdrawGroupOffer(groups, task.getProcessInstanceId(), task.getId());
  }
}
