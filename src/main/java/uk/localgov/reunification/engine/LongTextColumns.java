package uk.localgov.reunification.engine;

import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.casework.TextBounds;

/**
 * Camunda keeps a text variable in a {@code VARCHAR(4000)} column, so a social worker's notes of
 * more than 4,000 characters failed at the end of the step with the database's error. The
 * columns that hold a text variable's value, running and in history, are widened once to the
 * longest text the application takes ({@link TextBounds#TEXT}); widening a VARCHAR rewrites no
 * row on PostgreSQL or H2. Where the application's database user may not alter the engine's
 * tables, a warning names the statements for the database administrator.
 */
@Component
class LongTextColumns {

  static final List<String> TABLES = List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL");
  private static final Logger LOG = LoggerFactory.getLogger(LongTextColumns.class);

  private final DataSource dataSource;

  LongTextColumns(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationStartedEvent.class)
  void widen() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    for (String table : TABLES) {
      Integer length = jdbc.query("SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
          + " WHERE UPPER(TABLE_NAME) = ? AND UPPER(COLUMN_NAME) = 'TEXT_'", rows -> rows.next() ? rows.getInt(1) : null,
          table);
      if (length == null || length >= TextBounds.TEXT) {
        continue;
      }
      String alter = "ALTER TABLE " + table + " ALTER COLUMN TEXT_ SET DATA TYPE VARCHAR(" + TextBounds.TEXT + ")";
      try {
        jdbc.execute(alter);
        LOG.info("Widened {}.TEXT_ from {} to {} characters", table, length, TextBounds.TEXT);
      } catch (RuntimeException e) {
        LOG.warn("Texts longer than {} characters will fail until the database administrator runs: {} ({})", length,
            alter, e.getMessage());
      }
    }
  }
}
