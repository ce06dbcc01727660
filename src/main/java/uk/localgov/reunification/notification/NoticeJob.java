package uk.localgov.reunification.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * One email about work, as a job of the engine's own: written in the transaction of the step it
 * reports, so a notice exists exactly when its step does, then sent by whichever node's job
 * executor takes the job (the engine's lock: never two). A failed send is retried; when the
 * retries run out the job becomes an incident, which an administrator sees in Cockpit and retries.
 */
public class NoticeJob implements JobHandler<NoticeJob.Notice> {

  public static final String TYPE = "reunification-notice";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The message: who to, its subject and its text. */
  public record Notice(String to, String subject, String text) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      try {
        return JSON.writeValueAsString(this);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final Supplier<JavaMailSender> mail;
  private final Supplier<MailProperties> properties;

  public NoticeJob(Supplier<JavaMailSender> mail, Supplier<MailProperties> properties) {
    this.mail = mail;
    this.properties = properties;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(Notice notice, ExecutionEntity execution, CommandContext context, String tenantId) {
    JavaMailSender sender = mail.get();
    if (sender == null) {
      throw new ProcessEngineException("A notice is waiting but no mail server is configured on this node"
          + " (reunification.mail.enabled, spring.mail.host)");
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.get().from());
    message.setTo(notice.to());
    message.setSubject(notice.subject());
    message.setText(notice.text());
    sender.send(message);
  }

  @Override
  public Notice newConfiguration(String canonical) {
    try {
      return JSON.readValue(canonical, Notice.class);
    } catch (JsonProcessingException e) {
      throw new ProcessEngineException("Not a notice: " + canonical, e);
    }
  }

  @Override
  public void onDelete(Notice notice, JobEntity job) {
  }
}
