package uk.localgov.reunification.identity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * Who is who among staff, from Camunda's identity service: a person's roles, their team, and
 * their line manager (the member of their team who is also in {@code linemanagers}). Known in
 * expressions as {@code staff}.
 */
@Component("staff")
public class StaffDirectory {

  private final IdentityService identity;
  private final UnrestrictedLookups lookups;

  public StaffDirectory(IdentityService identity, UnrestrictedLookups lookups) {
    this.identity = identity;
    this.lookups = lookups;
  }

  /** Each person's name as the directory holds it ("Sam Okafor"), by user id; unknown ids are left out. */
  public Map<String, String> namesOf(Set<String> userIds) {
    String[] ids = userIds.stream().filter(Objects::nonNull).toArray(String[]::new);
    if (ids.length == 0) {
      return Map.of();
    }
    return lookups.read(() -> identity.createUserQuery().userIdIn(ids).list()).stream()
        .collect(Collectors.toMap(User::getId, user -> Stream.of(user.getFirstName(),
            user.getLastName()).filter(part -> part != null && !part.isBlank()).collect(
                Collectors.joining(" ")), (a, b) -> a));
  }

  public boolean isMember(String userId, String groupId) {
    return userId != null && StaffAnswers.once("member " + userId + " " + groupId, () -> lookups.read(
        () -> identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0));
  }

  /** Whether the person is one of this authority's staff (its Camunda tenant, directly or through a group). */
  public boolean worksFor(String userId, String authority) {
    return userId != null && StaffAnswers.once("authority " + userId + " " + authority, () -> lookups.read(
        () -> identity.createTenantQuery().tenantId(authority).userMember(userId).includingGroupsOfUser(true).count() > 0));
  }

  /**
   * The team a person belongs to, if any: a group of type {@code team}. The type is checked here
   * too because Camunda's LDAP identity provider (profile sso) ignores a query's group type.
   */
  public Optional<String> teamOf(String userId) {
    return StaffAnswers.once("team " + userId, () -> lookups.read(() -> identity.createGroupQuery()
        .groupMember(userId).groupType(Roles.TEAM_TYPE).orderByGroupId().asc().list().stream()
        .filter(group -> Roles.TEAM_TYPE.equals(group.getType())).map(Group::getId).sorted().findFirst()));
  }

  /** Whether the identity service (the directory, with sso) knows this person at all. */
  public boolean exists(String userId) {
    return userId != null && StaffAnswers.once("exists " + userId, () -> lookups.read(
        () -> identity.createUserQuery().userId(userId).count() > 0));
  }

  /**
   * The line manager of a case's social worker; when the worker has left (is no longer in the
   * directory), the line manager of the team the case carries, so that a leaver's work is still
   * chased and reallocated by someone.
   */
  public String lineManagerOf(String socialWorker, String caseTeam) {
    if (caseTeam != null && socialWorker != null && teamOf(socialWorker).isEmpty() && !exists(socialWorker)) {
      return lineManagerOfTeam(caseTeam, socialWorker);
    }
    return lineManagerOf(socialWorker);
  }

  /**
   * The line manager of a social worker (Salford §4: the worker reports a concern to their line
   * manager). A worker without a team or a team without a line manager is a configuration fault
   * that an administrator must mend, so it fails loudly rather than send work nowhere.
   */
  public String lineManagerOf(String socialWorker) {
    String team = teamOf(socialWorker).orElseThrow(() -> new ProcessEngineException(
        "Social worker '" + socialWorker + "' is in no team, so has no line manager: add them to a team in Admin"));
    return lineManagerOfTeam(team, socialWorker);
  }

  private String lineManagerOfTeam(String team, String socialWorker) {
    // the line managers are few, a team may be large: ask which line managers are in the team
    List<User> managers = StaffAnswers.once("line managers " + team, () -> lookups.read(() -> {
      String[] lineManagers = identity.createUserQuery().memberOfGroup(Roles.LINE_MANAGERS).list().stream()
          .map(User::getId).toArray(String[]::new);
      return lineManagers.length == 0 ? List.<User>of()
          : identity.createUserQuery().memberOfGroup(team).userIdIn(lineManagers).orderByUserId().asc().list();
    }));
    if (managers.isEmpty()) {
        throw new ProcessEngineException("Team '" + team + "' of social worker '" + socialWorker
            + "' has no line manager: add a member of linemanagers to the team in Admin");
    }
    return managers.get(0).getId();
  }
}
