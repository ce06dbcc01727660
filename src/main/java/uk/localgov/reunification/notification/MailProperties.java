package uk.localgov.reunification.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Email about work, off unless {@code reunification.mail.enabled=true} and Spring's
 * {@code spring.mail.*} name an SMTP server (env {@code REUNIFICATION_MAIL_ENABLED},
 * {@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, ...).
 *
 * @param retryAfter how long a notice whose send failed waits before each next try
 *     ({@code reunification.mail.retry-after}); by default 1, 5 and 15 minutes, then hourly for a
 *     day, so a mail server down for its Sunday patching loses nothing and raises no incident. A
 *     notice becomes an incident only once every wait is spent.
 */
@ConfigurationProperties("reunification.mail")
public record MailProperties(boolean enabled, String from, String tasklistUrl, List<Duration> retryAfter) {

  /** The waits after a failed send when none are configured: 1, 5, 15 minutes, then each hour for 24 hours. */
  public static final List<Duration> RETRY_AFTER;

  static {
    List<Duration> waits = new ArrayList<>(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)));
    waits.addAll(Collections.nCopies(24, Duration.ofHours(1)));
    RETRY_AFTER = List.copyOf(waits);
  }

  public MailProperties {
    from = from == null || from.isBlank() ? "reunification@localhost" : from;
    tasklistUrl = tasklistUrl == null || tasklistUrl.isBlank()
        ? "http://localhost:8080/camunda/app/tasklist/default/" : tasklistUrl;
    retryAfter = retryAfter == null || retryAfter.isEmpty() ? RETRY_AFTER : List.copyOf(retryAfter);
  }

  /** How many times a notice is tried in all: once, then once after each wait. */
  public int attempts() {
    return retryAfter.size() + 1;
  }
}
