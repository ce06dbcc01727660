package uk.localgov.reunification.engine;

import java.util.List;
import uk.localgov.reunification.authority.AuthorityTenants;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import uk.localgov.reunification.access.AdministratorsOnly;
import uk.localgov.reunification.access.CaseAccessPlugin;
import uk.localgov.reunification.access.CommentsAndAttachments;
import uk.localgov.reunification.access.GrantsOnly;
import uk.localgov.reunification.casework.CaseEventRules;
import uk.localgov.reunification.casework.NoDelegatedSteps;
import uk.localgov.reunification.casework.OneCaseAddressed;
import uk.localgov.reunification.casework.RecordedVariablesOnly;
import uk.localgov.reunification.casework.TextBounds;
import uk.localgov.reunification.demo.DemoIdentities;
import uk.localgov.reunification.deployment.CaseModelDeployment;
import uk.localgov.reunification.deployment.DeploymentRules;
import uk.localgov.reunification.deployment.StartupLock;
import uk.localgov.reunification.identity.AdministratorSetup;
import uk.localgov.reunification.identity.GrantsLeaveWithTheUser;
import uk.localgov.reunification.identity.RoleSetup;
import uk.localgov.reunification.identity.StaffAnswers;
import uk.localgov.reunification.notification.NoticeJobs;
import uk.localgov.reunification.notification.WorkNoticesPlugin;
import uk.localgov.reunification.records.CaseReads;
import uk.localgov.reunification.records.RetentionPlugin;
import uk.localgov.reunification.security.NoLockoutPerUser;
import uk.localgov.reunification.sso.DirectoryIdentityProviderPlugin;
import uk.localgov.reunification.tasklist.TasklistFilters;

/**
 * Everything the application hooks into the engine, in the order it runs: a newcomer reads the
 * chain here, and {@code docs/architecture.md} draws it. The engine plugins are applied in this
 * order (each plugin's Spring order is its place here, {@link OrderedPlugin}; Camunda's starter's
 * own configurations run at order 0); the guards run in this order on every command from outside
 * the engine, and the observers after it ({@link CommandGuards}); the parse listeners are added by
 * their plugins, so they run in their plugins' order on every user task parsed. A plugin, guard or
 * observer missing from these lists fails the start, naming it.
 */
public final class EngineHooks {

  /** An engine plugin, its Spring order, and what it does. */
  public record Plugin(Class<?> type, int order, String does) {
  }

  /** A guard or observer of the engine's commands and what it holds. */
  public record Hook(Class<?> type, String does) {
  }

  public static final List<Plugin> PLUGINS = List.of(
      new Plugin(StartupLock.class, Ordered.HIGHEST_PRECEDENCE,
          "nodes of a cluster set the database up one at a time"),
      new Plugin(DeploymentRules.class, -20, "every deployment is checked by the model rules before the engine deploys it"),
      new Plugin(CaseModelDeployment.class, -10, "deploys processes/ and forms/ as one deployment"),
      new Plugin(AuthorityTenants.class, -5, "with several authorities: each a tenant, each new instance its"
          + " authority's (CaseAuthority), earlier cases put in the home authority"),
      new Plugin(RoleSetup.class, 0, "the contract's role groups and what each may do"),
      new Plugin(AdministratorSetup.class, 1, "outside the demo, the configured administrator"),
      new Plugin(DemoIdentities.class, 2, "the demo people and teams (demo profile only)"),
      new Plugin(CaseAccessPlugin.class, 3, "parse listener: each user task shares its case with the case's people"
          + " as it is created; a role group reads it only while the task is open"),
      new Plugin(TasklistFilters.class, 5, "Tasklist filters per role"),
      new Plugin(GrantsOnly.class, Ordered.LOWEST_PRECEDENCE - 100,
          "authorization by grants alone: no revoke is checked, a REVOKE is refused"),
      new Plugin(CommandGuards.class, Ordered.LOWEST_PRECEDENCE - 90,
          "the command interceptors that run the guards and observers below"),
      new Plugin(FeelParsedOnce.class, Ordered.LOWEST_PRECEDENCE - 80, "each FEEL expression of a decision parsed once"),
      new Plugin(GrantsLeaveWithTheUser.class, Ordered.LOWEST_PRECEDENCE - 70, "a deleted user's grants go with them"),
      new Plugin(DirectoryIdentityProviderPlugin.class, Ordered.LOWEST_PRECEDENCE - 70,
          "with profile sso instead of the one above: the council directory (LDAP) is who people are"),
      new Plugin(StaffAnswers.class, Ordered.LOWEST_PRECEDENCE - 60,
          "the staff directory's answers kept for one command"),
      new Plugin(WorkNoticesPlugin.class, Ordered.LOWEST_PRECEDENCE - 50,
          "parse listener: mail to whoever a user task is offered or assigned to"),
      new Plugin(NoticeJobs.class, Ordered.LOWEST_PRECEDENCE - 40, "the job handler that sends a notice"),
      new Plugin(RetentionPlugin.class, Ordered.LOWEST_PRECEDENCE - 30,
          "a case's history removed on the child's 75th birthday (reg 50)"),
      new Plugin(NoLockoutPerUser.class, Ordered.LOWEST_PRECEDENCE, "no lockout of a user after failed passwords;"
          + " failed logins are throttled per address instead"));

  public static final List<Hook> GUARDS = List.of(
      new Hook(TextBounds.class, "a text a caller sends is at most 200 (a name) or 20,000 characters"),
      new Hook(OneCaseAddressed.class, "a message names one child's case by its business key"),
      new Hook(AdministratorsOnly.class, "nobody but an administrator changes a case behind its steps, or a person's record"),
      new Hook(CommentsAndAttachments.class, "comments and attachments only on a case the caller may read"),
      new Hook(CaseEventRules.class, "a case's event happens only where the policy lets it, judged on the case it reaches"),
      new Hook(NoDelegatedSteps.class, "no step is delegated or resolved"),
      new Hook(RecordedVariablesOnly.class, "each step writes only what it records"));

  public static final List<Hook> OBSERVERS = List.of(
      new Hook(CaseReads.class, "each read of a child's case is in the read log"));

  private EngineHooks() {
  }

  /** A plugin's place in the engine's start-up, from {@link #PLUGINS}. */
  public static int orderOf(Class<?> plugin) {
    Class<?> type = ClassUtils.getUserClass(plugin);
    return PLUGINS.stream().filter(listed -> listed.type() == type).findFirst().map(Plugin::order)
        .orElseThrow(() -> new IllegalStateException(type.getName() + " is an engine plugin not listed in EngineHooks.PLUGINS:"
            + " add it there, in the place it must run"));
  }

  /** A guard's or observer's place in the chain, from its list. */
  static int placeOf(List<Hook> hooks, Object hook) {
    Class<?> type = ClassUtils.getUserClass(hook.getClass());
    for (int i = 0; i < hooks.size(); i++) {
      if (hooks.get(i).type() == type) {
        return i;
      }
    }
    throw new IllegalStateException(type.getName() + " is not listed in EngineHooks: add it there, in the place it must run");
  }
}
