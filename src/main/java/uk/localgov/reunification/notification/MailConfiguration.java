package uk.localgov.reunification.notification;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
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
  public WorkNoticesPlugin workNoticesPlugin(@Lazy WorkNotices notices) {
    return new WorkNoticesPlugin(notices);
  }
}
