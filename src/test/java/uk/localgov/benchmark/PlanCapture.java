package uk.localgov.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.LoggerFactory;

/**
 * The SQL the engine really sends for a worker's "My tasks" (first page, authorization on), caught
 * from MyBatis' statement log, and PostgreSQL's {@code EXPLAIN (ANALYZE, BUFFERS)} of it, written
 * to {@code target/benchmark/explain-<worker>.txt}.
 */
final class PlanCapture {

  private static final String STATEMENTS = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";

  private PlanCapture() {
  }

  static void explain(ProcessEngine engine, String worker, String database, int pastCases) {
    if (!database.equals("postgres")) {
      return;
    }
    Logger logger = (Logger) LoggerFactory.getLogger(STATEMENTS);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> caught = new ListAppender<>();
    caught.start();
    logger.addAppender(caught);
    logger.setLevel(Level.DEBUG);
    try {
      engine.getIdentityService().setAuthentication(worker, engine.getIdentityService().createGroupQuery()
          .groupMember(worker).list().stream().map(group -> group.getId()).toList());
      engine.getTaskService().createTaskQuery().taskAssignee(worker).orderByTaskCreateTime().desc().listPage(0, 15);
    } finally {
      engine.getIdentityService().clearAuthentication();
      logger.setLevel(level);
      logger.detachAppender(caught);
    }
    String sql = null;
    String parameters = null;
    for (ILoggingEvent event : caught.list) {
      String message = event.getFormattedMessage();
      if (message.contains("Preparing:") && message.toLowerCase().contains("from act_ru_task")) {
        sql = message.substring(message.indexOf("Preparing:") + "Preparing:".length()).trim();
        parameters = null;
      } else if (message.contains("Parameters:") && sql != null && parameters == null) {
        parameters = message.substring(message.indexOf("Parameters:") + "Parameters:".length()).trim();
      }
    }
    if (sql == null) {
      System.out.println("BENCHMARK explain: no task query statement caught for " + worker);
      return;
    }
    String bound = bind(sql, parameters == null ? "" : parameters);
    DataSource dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    StringBuilder plan = new StringBuilder("-- " + worker + ", " + pastCases + " past cases\n" + bound + "\n\n");
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (int i = 0; i < 3; i++) { // warm: the last is kept
        plan.setLength(plan.indexOf("\n\n") + 2);
        try (ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + bound)) {
          while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
          }
        }
      }
      Path file = Path.of("target", "benchmark", "explain-" + worker + ".txt");
      Files.createDirectories(file.getParent());
      // a second plan of the same worker (after ANALYZE) goes beside the first
      if (Files.exists(file)) {
        file = Path.of("target", "benchmark", "explain-" + worker + "-analyzed.txt");
      }
      Files.writeString(file, plan);
      String last = plan.substring(plan.lastIndexOf("Execution Time"));
      System.out.println("BENCHMARK explain " + worker + " (" + pastCases + " past cases): " + last.trim() + " -> " + file);
    } catch (Exception e) {
      System.out.println("BENCHMARK explain failed for " + worker + ": " + e);
    }
  }

  /** MyBatis' "a(String), 1(Integer)" put in place of the statement's question marks. */
  static String bind(String sql, String parameters) {
    List<String> values = new ArrayList<>();
    Matcher matcher = Pattern.compile("(null|(.*?)\\((\\w+)\\))(?:, |$)").matcher(parameters);
    while (matcher.find() && !matcher.group(0).isEmpty()) {
      if (matcher.group(1).equals("null")) {
        values.add("NULL");
        continue;
      }
      String value = matcher.group(2);
      String type = matcher.group(3);
      values.add(type.equals("String") || type.equals("Timestamp") || type.equals("Date")
          ? "'" + value.replace("'", "''") + "'" : value);
    }
    StringBuilder bound = new StringBuilder();
    int next = 0;
    for (char c : sql.toCharArray()) {
      if (c == '?' && next < values.size()) {
        bound.append(values.get(next++));
      } else {
        bound.append(c);
      }
    }
    return bound.toString();
  }
}
