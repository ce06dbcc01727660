package uk.localgov.reunification.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per client address, never per user: whoever fails too often from one
 * address is slowed down there, and the person whose name they tried still logs in from anywhere
 * else (Camunda's own lockout per user is off, {@link NoLockoutPerUser}). A success does not
 * clear the count, or an attacker with an account of their own could reset it between guesses.
 * Held in memory on each node: with several nodes a client gets up to that many tries per node.
 */
@Component
public class LoginThrottle {

  /** Beyond this many addresses, those with nothing recent are forgotten. */
  static final int ADDRESSES_KEPT = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Duration block;
  private final Supplier<Instant> clock;
  private final Map<String, Failures> byClient = new ConcurrentHashMap<>();

  @Autowired
  public LoginThrottle(LoginThrottleProperties properties) {
    this(properties, Instant::now);
  }

  LoginThrottle(LoginThrottleProperties properties, Supplier<Instant> clock) {
    this.maxFailures = properties.maxFailures();
    this.window = properties.window();
    this.block = properties.block();
    this.clock = clock;
  }

  /** How long the client must still wait before it may try to log in again, if it must. */
  public Optional<Duration> blockedFor(String client) {
    Failures failures = byClient.get(client);
    return failures == null ? Optional.empty() : failures.blockedFor(clock.get());
  }

  /** Counts a failed login from the client; the one that reaches the limit blocks it. */
  public void failed(String client) {
    if (byClient.size() >= ADDRESSES_KEPT) {
      forgetStale(clock.get());
    }
    byClient.computeIfAbsent(client, any -> new Failures()).add(clock.get());
  }

  int maxFailures() {
    return maxFailures;
  }

  /** Forgets every count (tests share one application and one client address). */
  void forgetAll() {
    byClient.clear();
  }

  private void forgetStale(Instant now) {
    byClient.values().removeIf(failures -> failures.stale(now));
  }

  /** One address's recent failures and how long it is blocked. */
  private final class Failures {
    private final Deque<Instant> recent = new ArrayDeque<>();
    private Instant blockedUntil;

    synchronized Optional<Duration> blockedFor(Instant now) {
      return blockedUntil != null && now.isBefore(blockedUntil)
          ? Optional.of(Duration.between(now, blockedUntil)) : Optional.empty();
    }

    synchronized void add(Instant now) {
      dropOlderThanWindow(now);
      recent.addLast(now);
      if (recent.size() >= maxFailures) {
        blockedUntil = now.plus(block);
        recent.clear();
      }
    }

    synchronized boolean stale(Instant now) {
      dropOlderThanWindow(now);
      return recent.isEmpty() && blockedFor(now).isEmpty();
    }

    private void dropOlderThanWindow(Instant now) {
      Instant from = now.minus(window);
      while (!recent.isEmpty() && !recent.peekFirst().isAfter(from)) {
        recent.removeFirst();
      }
    }
  }
}
