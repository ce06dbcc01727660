package uk.localgov.reunification.security;

import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Camunda locks a user after failed passwords: for 3, 6, 12 … up to 60 seconds after each, and
 * for good after 10 ({@code loginMaxAttempts}, {@code loginDelay*}), until an administrator
 * unlocks them. Anyone who knows a social worker's user id could so lock them out of their cases
 * by failing their password. Failures are throttled per client address instead
 * ({@link LoginThrottle}); here the lock per user is made unreachable: no delay (base and
 * maximum 0 seconds, so the lock ends as it starts) and no attempt count that locks for good.
 * Applied last, so that no generic property brings the lock back.
 */
@Component
public class NoLockoutPerUser extends OrderedPlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
    configuration.setLoginDelayBase(0);
    configuration.setLoginDelayMaxTime(0);
  }
}
