package uk.localgov.reunification.authority;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.authority.AuthoritiesProperties.Authority;
import uk.localgov.reunification.engine.OrderedPlugin;

/**
 * Authorities as Camunda tenants: gives the engine the authority of each new instance
 * ({@link CaseAuthority}), makes sure each configured authority is a tenant, and, the first time
 * a second authority shares the platform, puts every case started before then (which carries no
 * authority) in the home authority, the first configured, so no earlier child is left visible to
 * every authority.
 */
@Component
public class AuthorityTenants extends OrderedPlugin {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorityTenants.class);
  /** A platform process, nobody's case: it stays without an authority. */
  static final Set<String> PLATFORM_PROCESSES = Set.of("overdueDigest");

  private final Authorities authorities;

  public AuthorityTenants(Authorities authorities) {
    this.authorities = authorities;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(new CaseAuthority(authorities));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!authorities.shared()) {
      return;
    }
    IdentityService identity = engine.getIdentityService();
    if (!identity.isReadOnly()) {
      for (Authority authority : authorities.all()) {
        if (identity.createTenantQuery().tenantId(authority.id()).count() == 0) {
          Tenant tenant = identity.newTenant(authority.id());
          tenant.setName(authority.name());
          identity.saveTenant(tenant);
        }
      }
    }
    String home = authorities.home().orElseThrow().id();
    int moved = moveEarlierCases(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDataSource(), home);
    if (moved > 0) {
      LOG.info("Authorities: {} rows of cases started before authorities shared the platform put in {}", moved, home);
    }
  }

  /**
   * Every engine row of an instance without an authority, other than a platform process's, gets the
   * home authority's tenant id, in one transaction. Camunda has no API to change an instance's
   * tenant, so this is SQL over every {@code ACT_} table with a tenant and an instance column.
   */
  static int moveEarlierCases(DataSource dataSource, String home) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        String cases = "SELECT PROC_INST_ID_ FROM ACT_HI_PROCINST WHERE TENANT_ID_ IS NULL AND PROC_DEF_KEY_ NOT IN ("
            + String.join(",", PLATFORM_PROCESSES.stream().map(key -> "'" + key + "'").toList()) + ")";
        int moved = 0;
        for (String[] table : instanceTables(connection.getMetaData())) {
          try (PreparedStatement update = connection.prepareStatement("UPDATE " + table[0] + " SET TENANT_ID_ = ?"
              + " WHERE TENANT_ID_ IS NULL AND " + table[1] + " IN (" + cases + ")")) {
            update.setString(1, home);
            moved += update.executeUpdate();
          }
        }
        connection.commit();
        return moved;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot put earlier cases in the home authority " + home, e);
    }
  }

  /** Each engine table with a TENANT_ID_ column and the column naming its process instance. */
  private static List<String[]> instanceTables(DatabaseMetaData metadata) throws SQLException {
    List<String[]> tables = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String pattern : List.of("ACT_%", "act_%")) {
      try (ResultSet all = metadata.getTables(null, null, pattern, new String[] {"TABLE"})) {
        while (all.next()) {
          String table = all.getString("TABLE_NAME");
          if (!seen.add(table.toUpperCase(Locale.ROOT))) {
            continue;
          }
          Set<String> columns = new HashSet<>();
          try (ResultSet column = metadata.getColumns(null, all.getString("TABLE_SCHEM"), table, null)) {
            while (column.next()) {
              columns.add(column.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
            }
          }
          String instance = table.toUpperCase(Locale.ROOT).equals("ACT_HI_PROCINST") ? "PROC_INST_ID_"
              : columns.contains("ROOT_PROC_INST_ID_") ? "ROOT_PROC_INST_ID_"
              : columns.contains("PROC_INST_ID_") ? "PROC_INST_ID_"
              : columns.contains("PROCESS_INSTANCE_ID_") ? "PROCESS_INSTANCE_ID_" : null;
          if (columns.contains("TENANT_ID_") && instance != null) {
            tables.add(new String[] {table, instance});
          }
        }
      }
    }
    // the instances' own rows last: the other tables find their rows through them
    tables.sort(java.util.Comparator.comparing(table -> table[0].equalsIgnoreCase("ACT_HI_PROCINST")));
    return tables;
  }
}
