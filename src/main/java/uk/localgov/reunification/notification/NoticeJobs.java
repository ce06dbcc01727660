package uk.localgov.reunification.notification;

import java.util.ArrayList;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Teaches every node's engine to send a notice ({@link NoticeJob}), mail on or off: a node without
 * a mail server that takes a notice job fails it visibly (an incident, once its retries are spent)
 * rather than not knowing it; a failed send waits longer before each next try ({@link NoticeBackOff}).
 */
@Component
public class NoticeJobs extends OrderedPlugin {

  private final ObjectProvider<JavaMailSender> mail;
  private final ObjectProvider<MailProperties> properties;

  public NoticeJobs(ObjectProvider<JavaMailSender> mail, ObjectProvider<MailProperties> properties) {
    this.mail = mail;
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomJobHandlers() == null) {
      configuration.setCustomJobHandlers(new ArrayList<>());
    }
    configuration.getCustomJobHandlers().add(new NoticeJob(mail::getIfAvailable, this::properties));
  }

  /** After the engine's own failed-job strategy exists: notices wait longer after each failed send. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(new NoticeBackOff(configuration.getFailedJobCommandFactory(),
        properties().retryAfter()));
  }

  private MailProperties properties() {
    return properties.getIfAvailable(() -> new MailProperties(false, null, null, null));
  }
}
