package uk.localgov.reunification.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Email about work, off unless {@code reunification.mail.enabled=true} and Spring's
 * {@code spring.mail.*} name an SMTP server (env {@code REUNIFICATION_MAIL_ENABLED},
 * {@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, ...).
 */
@ConfigurationProperties("reunification.mail")
public record MailProperties(boolean enabled, String from, String tasklistUrl, int attempts) {

  public MailProperties {
    from = from == null || from.isBlank() ? "reunification@localhost" : from;
    tasklistUrl = tasklistUrl == null || tasklistUrl.isBlank()
        ? "http://localhost:8080/camunda/app/tasklist/default/" : tasklistUrl;
    attempts = attempts <= 0 ? 3 : attempts;
  }
}
