package uk.localgov.reunification.security;

/** The login throttle's test hooks, for tests in other packages (the sso tests). */
public final class ThrottleForTests {

  private ThrottleForTests() {
  }

  public static void forgetAll(LoginThrottle throttle) {
    throttle.forgetAll();
  }

  public static int maxFailures(LoginThrottle throttle) {
    return throttle.maxFailures();
  }
}
