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
import java.nio.charset.StandardCharsets;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * One email about work, as a job of the engine's own: written in the transaction of the step it
 * reports, so a notice exists exactly when its step does, then sent by whichever node's job
 * executor takes the job (the engine's lock: never two). A failed send is retried; when the
 * retries run out the job becomes an incident, which an administrator sees in Cockpit and retries.
 */
public class NoticeJob implements JobHandler<NoticeJob.Notice> {

  public static final String TYPE = "reunification-notice";
  /** Below casework (the engine's default is 0): after a bank holiday, the case's own jobs go first. */
  public static final long PRIORITY = -100;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The message: who to, its subject, its text, and the id it keeps across every try, sent as its
   * Message-ID ({@code null} for a notice queued before ids were given).
   */
  public record Notice(String to, String subject, String text, String id) implements JobHandlerConfiguration {
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
    String from = properties.get().from();
    sender.send(mime -> {
      MimeMessageHelper message = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
      message.setFrom(from);
      message.setTo(notice.to().split(","));
      message.setSubject(notice.subject());
      message.setText(notice.text());
      if (notice.id() != null) {
        // sent at least once: a send the server accepted just before this node died is sent again
        // on another node's retry, with the same Message-ID, which mail clients show as one message
        // (Spring's sender keeps a Message-ID given here rather than making a new one)
        mime.setHeader("Message-ID", messageId(notice.id(), from));
      }
    });
  }

  /** The notice's own Message-ID (RFC 5322 msg-id), the same on every try. */
  static String messageId(String id, String from) {
    String domain = from.contains("@") ? from.substring(from.indexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "") : "";
    return "<notice-" + id + "@" + (domain.isEmpty() ? "reunification" : domain) + ">";
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
