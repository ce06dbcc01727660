package uk.localgov.reunification.oversight;

import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import uk.localgov.reunification.oversight.OversightReport.UnitCosts;

/**
 * The unit costs the oversight figures are priced at (table UNIT_COSTS, Flyway V3). An
 * administrator sets them; each setting is a new row, never changed, so the history of who set
 * what, when and from which source stays. The latest is in force; until one is set, the defaults.
 */
@Repository
public class UnitCostBook {

  /**
   * NSPCC's figures (2024), published with Home Again: the average cost per child who returns to
   * care, and of the support a family needs when a child goes home.
   */
  static final UnitCosts DEFAULTS = new UnitCosts(105_804, 7_857,
      "NSPCC, Supporting children and families returning home from care: counting the costs (2024),"
          + " published with Home Again (NSPCC and Action for Children, January 2024): average cost per child"
          + " who returns to care, and average cost of support for a family", null, null);

  private final JdbcTemplate jdbc;

  public UnitCostBook(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The unit costs in force: the latest setting, or the defaults. */
  public UnitCosts current() {
    List<UnitCosts> latest = settings(" FETCH FIRST 1 ROWS ONLY");
    return latest.isEmpty() ? DEFAULTS : latest.get(0);
  }

  /** Every setting, newest first. */
  public List<UnitCosts> history() {
    return settings("");
  }

  /** A new setting, in force from now; {@code setBy} is the administrator who set it. */
  public UnitCosts set(long returnToCare, long supportPerFamily, String source, String setBy) {
    jdbc.update("INSERT INTO UNIT_COSTS (SET_BY, SET_AT, RETURN_TO_CARE, SUPPORT_PER_FAMILY, SOURCE_TEXT)"
        + " VALUES (?, ?, ?, ?, ?)", setBy, new Timestamp(ClockUtil.getCurrentTime().getTime()), returnToCare,
        supportPerFamily, source);
    return current();
  }

  // newest by ID, not SET_AT: the engine's clock, which SET_AT follows, can be set back;
  // FETCH FIRST is standard SQL, the same on H2 and PostgreSQL
  private List<UnitCosts> settings(String limit) {
    return jdbc.query("SELECT RETURN_TO_CARE, SUPPORT_PER_FAMILY, SOURCE_TEXT, SET_BY, SET_AT FROM UNIT_COSTS"
        + " ORDER BY ID DESC" + limit, (row, number) -> new UnitCosts(row.getLong(1), row.getLong(2),
            row.getString(3), row.getString(4), row.getTimestamp(5).toInstant().toString()));
  }
}
