package uk.localgov.reunification.tasklist;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.identity.IdentityDirectory;
import uk.localgov.reunification.identity.Roles;

/**
 * Tasklist filters that fit each role, created once and shared with the groups they are for:
 * everyone's own tasks, the unclaimed work of one's groups, ratifications for the Head of Service,
 * and for each team its work and its overdue work for the team's line manager. The ratifiers'
 * ratifications come before their own (mostly empty) tasks: their first screen is their work.
 * A case carries its social worker's team in the variable {@code team}.
 */
@Component
public class TasklistFilters extends OrderedPlugin {

  public static final String MY_TASKS = "My tasks";
  public static final String MY_GROUPS = "Unclaimed work for my groups";
  public static final String RATIFICATIONS = "Ratifications awaiting a decision";
  public static final String TEAM_VARIABLE = "team";

  private static final List<Map<String, String>> CASE_COLUMNS = List.of(
      Map.of("name", "childName", "label", "Child"),
      Map.of("name", "childId", "label", "Case reference"));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    TaskQuery query = engine.getTaskService().createTaskQuery();

    ensure(engine, MY_TASKS, -10, "Tasks assigned to me",
        query.taskAssigneeExpression("${currentUser()}"), Roles.CASEWORK);
    ensure(engine, MY_GROUPS, -5, "Work for one of my groups that nobody has claimed yet",
        engine.getTaskService().createTaskQuery()
            .taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned(),
        Roles.CASEWORK);
    ensure(engine, RATIFICATIONS, -20,
        "Return home decisions awaiting the nominated officer (Salford §7) or the Director (reg 39(5))",
        engine.getTaskService().createTaskQuery().taskDefinitionKey("ratifyDecision")
            .taskCandidateGroupIn(Roles.RATIFIERS).includeAssignedTasks(),
        Roles.RATIFIERS);

    // the type checked here too: Camunda's LDAP identity provider (profile sso) ignores it in a query
    for (Group team : engine.getIdentityService().createGroupQuery().groupType(Roles.TEAM_TYPE).list().stream()
        .filter(group -> Roles.TEAM_TYPE.equals(group.getType())).toList()) {
      List<String> managers = lineManagersOf(engine.getIdentityService(), team.getId());
      ensureForUsers(engine, team.getName() + ": all work", 0,
          "Every open task on the cases of " + team.getName(),
          engine.getTaskService().createTaskQuery().processVariableValueEquals(TEAM_VARIABLE, team.getId()),
          managers);
      ensureForUsers(engine, team.getName() + ": overdue work", -9,
          "Tasks on the cases of " + team.getName() + " past their statutory due date",
          engine.getTaskService().createTaskQuery().processVariableValueEquals(TEAM_VARIABLE, team.getId())
              .dueBeforeExpression("${now()}"),
          managers);
    }
  }

  private static List<String> lineManagersOf(IdentityService identity, String teamId) {
    return identity.createUserQuery().memberOfGroup(teamId).list().stream()
        .filter(user -> identity.createUserQuery().userId(user.getId())
            .memberOfGroup(Roles.LINE_MANAGERS).count() > 0)
        .map(user -> user.getId())
        .toList();
  }

  private void ensure(ProcessEngine engine, String name, int priority, String description,
      TaskQuery query, List<String> groups) {
    Filter filter = findOrCreate(engine.getFilterService(), name, priority, description, query);
    IdentityDirectory directory = new IdentityDirectory(engine);
    groups.forEach(group -> directory.grantGroup(group, Resources.FILTER, filter.getId(), Permissions.READ));
  }

  private void ensureForUsers(ProcessEngine engine, String name, int priority, String description,
      TaskQuery query, List<String> users) {
    Filter filter = findOrCreate(engine.getFilterService(), name, priority, description, query);
    IdentityDirectory directory = new IdentityDirectory(engine);
    users.forEach(user -> directory.grantUser(user, Resources.FILTER, filter.getId(), Permissions.READ));
  }

  private static Filter findOrCreate(FilterService filters, String name, int priority, String description,
      TaskQuery query) {
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    // the application's own filters follow its release: an existing one takes the query of this one
    Filter filter = (existing != null ? existing : filters.newTaskFilter(name))
        .setQuery(query)
        .setProperties(Map.of(
            "priority", priority,
            "description", description,
            "refresh", true,
            "variables", CASE_COLUMNS));
    return filters.saveFilter(filter);
  }
}
