package uk.localgov.reunification.notification;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import uk.localgov.reunification.engine.OrderedPlugin;

/**
 * Mail about work on every user task of every deployed diagram, without a listener in any of them
 * (a process owner cannot forget it): a parse listener adds the notices when a task is offered to
 * a group or a person, and when it is assigned.
 */
public class WorkNoticesPlugin extends OrderedPlugin {

  private final WorkNotices notices;

  WorkNoticesPlugin(WorkNotices notices) {
    this.notices = notices;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, notices::assigned);
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, notices::offered);
      }
    });
  }
}
