package uk.localgov.reunification.notification;

import java.util.ArrayList;
import org.camunda.bpm.engine.IdentityService;
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
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/** Email about work, only when {@code reunification.mail.enabled=true} (see {@link MailProperties}). */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "reunification.mail.enabled", havingValue = "true")
public class MailConfiguration {

  @Bean
  public WorkNotices workNotices(ObjectProvider<JavaMailSender> mail, MailProperties properties,
      IdentityService identity, TaskService tasks, UnrestrictedLookups lookups) {
    JavaMailSender sender = mail.getIfAvailable(() -> {
      throw new IllegalStateException("reunification.mail.enabled is true but no SMTP server is configured:"
          + " set SPRING_MAIL_HOST and SPRING_MAIL_PORT");
    });
    return new WorkNotices(sender, properties, identity, tasks, lookups);
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

  @Bean
  public OverdueDigest overdueDigest(WorkNotices notices) {
    return new OverdueDigest(notices);
  }

  /** Each weekday morning, everyone's overdue work. */
  public static class OverdueDigest {
    private final WorkNotices notices;

    OverdueDigest(WorkNotices notices) {
      this.notices = notices;
    }

    @Scheduled(cron = "${reunification.mail.digest-cron:0 0 7 * * MON-FRI}", zone = "Europe/London")
    public void send() {
      notices.sendOverdueDigest();
    }
  }
}
