package uk.localgov.reunification.authority;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import uk.localgov.reunification.casework.CaseInputRefused;

/**
 * The authority a new process instance belongs to, when several share the platform: the processes
 * and decisions are shared (deployed without a tenant), so the engine asks this for the tenant id
 * of each instance. A process a case calls is the case's authority's; so is one a case's step
 * starts. A case a person starts is that person's authority's; a person of several authorities
 * (none is, in the demo) or of none cannot start one, and is told so. The application's own starts
 * name their authority ({@link #startingFor}), or are the home authority's. A platform process,
 * such as the daily digest, belongs to no authority.
 */
public class CaseAuthority implements TenantIdProvider {

  private static final ThreadLocal<String> STARTING_FOR = new ThreadLocal<>();

  private final Authorities authorities;

  public CaseAuthority(Authorities authorities) {
    this.authorities = authorities;
  }

  /** Runs the application's own start of a case (the demo's, a migration's) for this authority. */
  public static <T> T startingFor(String authority, Supplier<T> start) {
    String before = STARTING_FOR.get();
    STARTING_FOR.set(authority);
    try {
      return start.get();
    } finally {
      if (before == null) {
        STARTING_FOR.remove();
      } else {
        STARTING_FOR.set(before);
      }
    }
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    if (!authorities.shared()) {
      return null;
    }
    if (context.getSuperExecution() != null) {
      return context.getSuperExecution().getTenantId();
    }
    if (AuthorityTenants.PLATFORM_PROCESSES.contains(context.getProcessDefinition().getKey())) {
      return null;
    }
    return ofTheStart();
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    return null;   // no CMMN here
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
    if (!authorities.shared()) {
      return null;
    }
    // a case's decision is its authority's; one the application evaluates outside a case is nobody's
    DelegateExecution execution = context.getExecution();
    return execution != null ? execution.getTenantId() : CaseAuthority.ofCurrentStep();
  }

  private String ofTheStart() {
    if (STARTING_FOR.get() != null) {
      return STARTING_FOR.get();
    }
    ExecutionEntity starting = currentExecution();
    if (starting != null) {
      return starting.getTenantId();
    }
    Authentication caller = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthentication();
    if (caller == null || caller.getUserId() == null) {
      // the application's own start, with no person behind it (the demo's cases, a migration's)
      return authorities.home().map(AuthoritiesProperties.Authority::id).orElse(null);
    }
    List<String> own = caller.getTenantIds() == null ? List.of()
        : caller.getTenantIds().stream().filter(authorities::isAuthority).toList();
    if (own.size() == 1) {
      return own.get(0);
    }
    if (own.isEmpty()) {
      throw new CaseInputRefused("authority", "'" + caller.getUserId() + "' belongs to no authority of this platform ("
          + String.join(", ", authorities.ids()) + "), so a case they start would be nobody's: an administrator adds"
          + " them to their authority's tenant in Camunda Admin");
    }
    throw new CaseInputRefused("authority", "'" + caller.getUserId() + "' belongs to several authorities (" + String.join(
        ", ", own) + "), so which one the child is in cannot be told: the case is started by a person of that authority only");
  }

  /** The execution whose step runs now, if any (a case's step starting another process). */
  static ExecutionEntity currentExecution() {
    // Camunda keeps the running step's execution on its context stack; no public API says it
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    return context == null ? null : context.getExecution();
  }

  /** A caller's one authority (the tenant the engine checks them against), or {@code null} for none or several. */
  public static String ofCaller(Authentication caller) {
    List<String> tenants = caller == null || caller.getTenantIds() == null ? List.of() : caller.getTenantIds();
    return tenants.size() == 1 ? tenants.get(0) : null;
  }

  /** The authority of the case whose step runs now, or {@code null} outside any case's step. */
  public static String ofCurrentStep() {
    ExecutionEntity execution = currentExecution();
    return execution == null ? null : execution.getTenantId();
  }
}
