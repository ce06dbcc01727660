package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Failures are counted per client address, in a sliding window, and block only that address. */
class LoginThrottleTest {

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T09:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(
      new LoginThrottleProperties(10, Duration.ofMinutes(5), Duration.ofMinutes(15)), now::get);

  void later(Duration by) {
    now.set(now.get().plus(by));
  }

  @Test
  void tenFailuresFromOneAddressWithinFiveMinutesBlockItAndNoOther() {
    for (int i = 0; i < 9; i++) {
      throttle.failed("203.0.113.7");
      later(Duration.ofSeconds(20));
    }
    assertThat(throttle.blockedFor("203.0.113.7")).isEmpty();

    throttle.failed("203.0.113.7");

    assertThat(throttle.blockedFor("203.0.113.7")).contains(Duration.ofMinutes(15));
    assertThat(throttle.blockedFor("198.51.100.20")).as("the victim's own address").isEmpty();
  }

  @Test
  void theBlockEndsAndTheCountStartsAgain() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("203.0.113.7");
    }
    later(Duration.ofMinutes(14));
    assertThat(throttle.blockedFor("203.0.113.7")).contains(Duration.ofMinutes(1));

    later(Duration.ofMinutes(1));

    assertThat(throttle.blockedFor("203.0.113.7")).isEmpty();
    throttle.failed("203.0.113.7");
    assertThat(throttle.blockedFor("203.0.113.7")).as("one failure after the block is only one").isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    for (int i = 0; i < 9; i++) {
      throttle.failed("203.0.113.7");
    }
    later(Duration.ofMinutes(5));

    throttle.failed("203.0.113.7");

    assertThat(throttle.blockedFor("203.0.113.7")).isEmpty();
  }

  @Test
  void manyAddressesAreForgottenOnceNothingRecentIsLeft() {
    for (int i = 0; i < LoginThrottle.ADDRESSES_KEPT; i++) {
      throttle.failed("10.0." + (i / 256) + "." + (i % 256));
    }
    for (int i = 0; i < 10; i++) {
      throttle.failed("203.0.113.7");
    }
    later(Duration.ofMinutes(6));

    throttle.failed("198.51.100.20");

    assertThat(throttle.blockedFor("203.0.113.7")).as("a block is kept").isPresent();
  }
}
