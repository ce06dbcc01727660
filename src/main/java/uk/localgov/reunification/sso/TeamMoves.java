package uk.localgov.reunification.sso;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.access.CaseAccess;
import uk.localgov.reunification.casework.ActiveCases;
import uk.localgov.reunification.casework.ReturnStartCheck;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.identity.Roles;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * A line manager sees the cases of the team the directory puts them in now. Cases are shared
 * with people by name ({@code access/CaseAccess}), so when the directory moves a line manager
 * to another team, the first request they make afterwards withdraws the cases of the team they
 * left (those they are not allocated to in their own right) and shares those of the team they
 * joined. What was last seen is kept per node and checked again after a restart.
 */
@Component
@Profile("sso")
public class TeamMoves {

  private final Map<String, String> managedTeams = new ConcurrentHashMap<>();
  private final StaffDirectory staff;
  private final CaseAccess access;
  private final ActiveCases cases;
  private final RuntimeService runtime;
  private final AuthorizationService authorizations;
  private final UnrestrictedLookups lookups;

  public TeamMoves(StaffDirectory staff, CaseAccess access, ActiveCases cases, RuntimeService runtime,
      AuthorizationService authorizations, UnrestrictedLookups lookups) {
    this.staff = staff;
    this.access = access;
    this.cases = cases;
    this.runtime = runtime;
    this.authorizations = authorizations;
    this.lookups = lookups;
  }

  public void follow(String userId) {
    String team = staff.isMember(userId, Roles.LINE_MANAGERS) ? staff.teamOf(userId).orElse("") : "";
    if (team.equals(managedTeams.get(userId))) {
      return;
    }
    // one at a time per person: two requests at once would otherwise share and withdraw together
    managedTeams.compute(userId, (id, before) -> {
      // someone first seen who manages no team has no team's cases to lose: their other grants stay
      boolean manager = !team.isEmpty() || before != null && !before.isEmpty();
      if (manager && !team.equals(before)) {
        lookups.read(() -> {
          withdrawOtherTeams(id, team);
          if (!team.isEmpty()) {
            shareTeam(id, team);
          }
          return null;
        });
      }
      return team;
    });
  }

  private void withdrawOtherTeams(String userId, String team) {
    // a child's reference and authority: the same reference in another authority is another child
    Set<List<String>> childCases = new java.util.LinkedHashSet<>();
    for (Authorization grant : authorizations.createAuthorizationQuery().userIdIn(userId)
        .resourceType(Resources.PROCESS_INSTANCE).list()) {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(grant.getResourceId()).singleResult();
      if (instance != null && instance.getBusinessKey() != null) {
        childCases.add(java.util.Arrays.asList(instance.getBusinessKey(), instance.getTenantId()));
      }
    }
    for (List<String> childCase : childCases) {
      String childId = childCase.get(0);
      cases.of(childId, childCase.get(1)).map(ActiveCases.ActiveCase::record).ifPresent(record -> {
        if (record.team() != null && !team.equals(record.team()) && !record.allocated().contains(userId)) {
          access.withdraw(childId, userId);
        }
      });
    }
  }

  private void shareTeam(String userId, String team) {
    runtime.createProcessInstanceQuery().processDefinitionKeyIn(ReturnStartCheck.RETURN_PROCESSES.toArray(String[]::new))
        .variableValueEquals("team", team).list()
        .forEach(instance -> access.shareAll(instance.getBusinessKey(), Set.of(userId)));
  }
}
