package uk.localgov.reunification.notification;

import java.util.ArrayList;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.mail.javamail.JavaMailSender;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/** Email about work, only when {@code reunification.mail.enabled=true} (see {@link MailProperties}). */
@Configuration
@ConditionalOnProperty(name = "reunification.mail.enabled", havingValue = "true")
public class MailConfiguration {

  @Bean
  public WorkNotices workNotices(ObjectProvider<JavaMailSender> mail, MailProperties properties, ProcessEngine engine,
      IdentityService identity, TaskService tasks, UnrestrictedLookups lookups) {
    mail.getIfAvailable(() -> {
      throw new IllegalStateException("reunification.mail.enabled is true but no SMTP server is configured:"
          + " set SPRING_MAIL_HOST and SPRING_MAIL_PORT");
    });
    return new WorkNotices(new NoticeQueue(engine, properties.attempts()), properties, identity, tasks, lookups);
  }

  /** Adds the notices to every user task of every deployed diagram. */
  @Bean
  public ProcessEnginePlugin workNoticesPlugin(@Lazy WorkNotices notices) {
    return new AbstractProcessEnginePlugin() {
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
    };
  }
}
