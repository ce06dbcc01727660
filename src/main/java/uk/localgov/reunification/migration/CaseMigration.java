package uk.localgov.reunification.migration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.api.Refused;

/**
 * Moves the running cases of a process from one version to another when the policy changes, with
 * Camunda's migration API: activities with the same id in both versions are mapped, so tasks and
 * timers carry over; a version that cannot take the cases is refused, naming what cannot be mapped.
 */
@Service
public class CaseMigration {

  private final RepositoryService repository;
  private final RuntimeService runtime;

  public CaseMigration(RepositoryService repository, RuntimeService runtime) {
    this.repository = repository;
    this.runtime = runtime;
  }

  public Map<String, Object> migrate(String processKey, int fromVersion, int toVersion) {
    ProcessDefinition from = version(processKey, fromVersion);
    ProcessDefinition to = version(processKey, toVersion);
    // by query, not by a list of ids: however many cases there are, no unbounded list is asked for
    // under the administrator's authentication (queryMaxResultsLimit)
    int instances = Math.toIntExact(runtime.createProcessInstanceQuery().processDefinitionId(from.getId()).count());
    MigrationPlan plan;
    try {
      plan = runtime.createMigrationPlan(from.getId(), to.getId()).mapEqualActivities().updateEventTriggers().build();
    } catch (MigrationPlanValidationException e) {
      throw new Refused(400, "Version " + fromVersion + " of " + processKey + " cannot be mapped to version "
          + toVersion + ": " + e.getValidationReport().getInstructionReports().stream()
              .flatMap(report -> report.getFailures().stream()).collect(Collectors.joining("; ")));
    }
    if (instances > 0) {
      try {
        runtime.newMigration(plan)
            .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(from.getId())).execute();
      } catch (MigratingProcessInstanceValidationException e) {
        throw new Refused(400, "Cases of " + processKey + " version " + fromVersion + " cannot move to version "
            + toVersion + ": " + describe(e));
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processDefinitionKey", processKey);
    answer.put("fromVersion", fromVersion);
    answer.put("toVersion", toVersion);
    answer.put("migratedCases", instances);
    return answer;
  }

  private ProcessDefinition version(String processKey, int version) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new Refused(404, "No version " + version + " of process '" + processKey + "'");
    }
    return definition;
  }

  private static String describe(MigratingProcessInstanceValidationException e) {
    var report = e.getValidationReport();
    return report.getActivityInstanceReports().stream()
        .map(activity -> "activity '" + activity.getSourceScopeId() + "': " + String.join(", ", activity.getFailures()))
        .collect(Collectors.joining("; "));
  }
}
