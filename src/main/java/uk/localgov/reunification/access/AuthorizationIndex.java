package uk.localgov.reunification.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps authorized queries fast with a grant per person per case ({@link CaseAccess}), which
 * makes ACT_RU_AUTHORIZATION hold hundreds of thousands of rows.
 *
 * <ul>
 *   <li>Indexes, created at start-up if missing (where the application's database user may not
 *       create them, a warning names the statements for the database administrator):
 *       <ul>
 *         <li>{@code ACT_IDX_AUTH_USER_ID}: every authorized query filters the grants by "this user
 *             or one of these groups"; Camunda indexes the group of a grant but puts the user
 *             second in its unique key, after the grant's type, so PostgreSQL read the whole table.
 *         <li>{@code ACT_IDX_TASK_ASSIGNEE_CREATE}: Tasklist's "My tasks" (assignee, newest first,
 *             a page of 15) with the authorization join and its DISTINCT: PostgreSQL walked
 *             {@code ACT_IDX_TASK_CREATE} backwards over every open task (20,000 at 10,000 cases,
 *             20 ms) to find the assignee's; with this index it reads just the assignee's (1 ms).
 *       </ul>
 *   <li>{@link GroupsAsGiven}: before every command with authorization, Camunda runs
 *       {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}, a read of the whole table
 *       (25 to 50 ms on PostgreSQL at 10,000 cases; twice per Tasklist page, for the list and the
 *       count) only to drop the user's groups that hold no grant at all (camunda-bpm-platform issue
 *       5485). No index can answer it, so the engine is told to use the user's groups as they are.
 * </ul>
 *
 * <p>Measured with the benchmark's task query at 10,000 active cases on embedded PostgreSQL 17,
 * authorization on: p50 / p95 74 / 95 ms before, 1.3 / 2 ms after (authorization off: 1.4 / 5 ms).
 */
@Component
class AuthorizationIndex extends AbstractProcessEnginePlugin {

  static final List<String> CREATE = List.of(
      "CREATE INDEX IF NOT EXISTS ACT_IDX_AUTH_USER_ID ON ACT_RU_AUTHORIZATION (USER_ID_)",
      "CREATE INDEX IF NOT EXISTS ACT_IDX_TASK_ASSIGNEE_CREATE ON ACT_RU_TASK (ASSIGNEE_, CREATE_TIME_)");
  /** Beyond this many groups a user's groups are filtered as Camunda does, to keep the SQL short. */
  static final int GROUPS_AS_GIVEN_UP_TO = 50;
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationIndex.class);

  private final DataSource dataSource;

  AuthorizationIndex(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationStartedEvent.class)
  void ensure() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    for (String create : CREATE) {
      try {
        jdbc.execute(create);
      } catch (RuntimeException e) {
        LOG.warn("Could not create an index that keeps authorized queries fast; ask the database administrator to run: {}"
            + " ({})", create, e.getMessage());
      }
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    // custom session factories replace the engine's own for the same session type
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new GroupsAsGiven();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /**
   * Camunda's authorization manager, except that it checks a user's groups as given instead of
   * first reading every group that holds a grant. The same result: a group without any grant
   * matches no row of {@code GROUP_ID_ IN (...)} anyway.
   */
  static class GroupsAsGiven extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return Collections.emptyList();
      }
      if (authenticatedGroupIds.size() > GROUPS_AS_GIVEN_UP_TO) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      return new ArrayList<>(authenticatedGroupIds.stream().filter(Objects::nonNull)
          .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }
  }
}
