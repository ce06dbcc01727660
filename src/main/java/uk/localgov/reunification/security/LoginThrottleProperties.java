package uk.localgov.reunification.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many failed logins one client address may make ({@code max-failures}) within
 * {@code window} before its logins are refused with 429 for {@code block}.
 */
@ConfigurationProperties("reunification.login-throttle")
public record LoginThrottleProperties(int maxFailures, Duration window, Duration block) {

  public LoginThrottleProperties {
    maxFailures = maxFailures <= 0 ? 10 : maxFailures;
    window = window == null || window.isZero() || window.isNegative() ? Duration.ofMinutes(5) : window;
    block = block == null || block.isZero() || block.isNegative() ? Duration.ofMinutes(15) : block;
  }
}
