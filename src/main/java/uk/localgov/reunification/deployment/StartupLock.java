package uk.localgov.reunification.deployment;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Nodes of a cluster set the database up one at a time. Camunda's schema creation
 * (schema-update true) checks for its tables and then creates them, and the start-up plugins
 * ({@link CaseModelDeployment}, the groups and grants, the administrator) check and then insert:
 * two nodes starting together on an empty database would both find nothing and both create, and
 * one would fail. On PostgreSQL a session advisory lock, taken before the engine is built and held
 * until the application is ready, makes the second node wait and then find everything made. On
 * H2 (one node only) it does nothing.
 */
@Component
public class StartupLock extends OrderedPlugin {

  /** Any constant shared by every node; "reunific" in ASCII. */
  static final long KEY = 0x7265756e69666963L;
  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);

  private final DataSource dataSource;
  private Connection holder;

  public StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      long asked = System.currentTimeMillis();
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      holder = connection;
      LOG.info("Start-up lock taken after {} ms; this node sets the database up alone",
          System.currentTimeMillis() - asked);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the start-up lock on the database", e);
    }
  }

  /** Once every plugin and start-up listener has run: the schema, deployment and roles exist. */
  @EventListener({ApplicationReadyEvent.class, ApplicationFailedEvent.class})
  public void onStarted() {
    release();
  }

  /**
   * The lock belongs to a pooled connection: unlocked explicitly, since returning the connection to
   * the pool would not end the session that holds it.
   */
  @PreDestroy
  public synchronized void release() {
    if (holder == null) {
      return;
    }
    try (Connection connection = holder; Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
      LOG.info("Start-up lock released");
    } catch (SQLException e) {
      LOG.warn("Could not release the start-up lock; it ends with its connection, evicted: {}", e.toString());
      evict(holder);
    } finally {
      holder = null;
    }
  }

  private void evict(Connection connection) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
      }
    } catch (SQLException e) {
      LOG.warn("Could not evict the start-up lock's connection: {}", e.toString());
    }
  }

  synchronized boolean held() {
    return holder != null;
  }
}
