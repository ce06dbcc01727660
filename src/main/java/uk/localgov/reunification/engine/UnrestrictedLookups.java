package uk.localgov.reunification.engine;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import uk.localgov.reunification.authority.CaseAuthority;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Runs a read on the engine without the calling user's authorizations, for the checks the
 * application itself must make whoever asked: is this person a social worker, who is their line
 * manager, has this child already an active case. Never used to hand data to a caller. Within a
 * case's step it sees only the case's authority's cases; elsewhere, the caller's authority's.
 */
@Component
public class UnrestrictedLookups {

  /** Who a lookup within a case's authority runs as: nobody, only the authority's tenant check. */
  static final String WITHIN_AUTHORITY = "reunification-within-authority";

  private static final ThreadLocal<Integer> RUNNING = ThreadLocal.withInitial(() -> 0);

  private final ProcessEngine engine;

  public UnrestrictedLookups(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Whether an unrestricted lookup runs on this thread: a check of the application's, not a read by a person. */
  static boolean isRunning() {
    return RUNNING.get() > 0;
  }

  public <T> T read(Supplier<T> lookup) {
    return read(lookup, false);
  }

  /**
   * A lookup over every authority's cases, for figures that name no child (the region's): the
   * engine's tenant check is off for it, as the authorization check is for every lookup.
   */
  public <T> T readAcrossAuthorities(Supplier<T> lookup) {
    return read(lookup, true);
  }

  /** A lookup within one authority's cases, whoever asks (an administrator's subject access request). */
  public <T> T readWithin(String authority, Supplier<T> lookup) {
    return read(lookup, false, authority);
  }

  private <T> T read(Supplier<T> lookup, boolean acrossAuthorities) {
    return read(lookup, acrossAuthorities, null);
  }

  private <T> T read(Supplier<T> lookup, boolean acrossAuthorities, String within) {
    RUNNING.set(RUNNING.get() + 1);
    try {
      return readUnrestricted(lookup, acrossAuthorities, within);
    } finally {
      RUNNING.set(RUNNING.get() - 1);
      if (RUNNING.get() == 0) {
        RUNNING.remove();
      }
    }
  }

  private <T> T readUnrestricted(Supplier<T> lookup, boolean acrossAuthorities, String within) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute((CommandContext context) -> {
          boolean wasEnabled = context.isAuthorizationCheckEnabled();
          context.disableAuthorizationCheck();
          boolean tenantCheckWasEnabled = context.isTenantCheckEnabled();
          if (acrossAuthorities) {
            context.disableTenantCheck();
          }
          IdentityService identity = engine.getIdentityService();
          Authentication caller = identity.getCurrentAuthentication();
          String authority = acrossAuthorities ? null : within != null ? within : CaseAuthority.ofCurrentStep();
          if (authority != null) {
            // A case's step looks only within the case's authority, whoever runs it (a timer, an
            // administrator): the engine's tenant check holds only for an authenticated person.
            identity.setAuthentication(new Authentication(WITHIN_AUTHORITY, List.of(), List.of(authority)));
          }
          try {
            return lookup.get();
          } finally {
            if (authority != null) {
              if (caller == null) {
                identity.clearAuthentication();
              } else {
                identity.setAuthentication(caller);
              }
            }
            if (wasEnabled) {
              context.enableAuthorizationCheck();
            }
            if (acrossAuthorities && tenantCheckWasEnabled) {
              context.enableTenantCheck();
            }
          }
        });
  }
}
