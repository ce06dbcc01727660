package uk.localgov.reunification.records;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The log of who read a child's case (table CASE_READ_LOG, Flyway V2). The application only adds
 * to it, in the transaction of the read itself; nothing changes or deletes a row but the nightly
 * removal of rows whose child's record has reached its removal time (reg 50, {@link RecordRetention}).
 */
@Repository
public class ReadLog {

  /** One read: who, when (ISO-8601), what, through which surface. */
  public record Read(String userId, String at, String what, String surface) {
  }

  private final JdbcTemplate jdbc;

  public ReadLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * {@code authority}: the reader's, when several authorities share the platform (a person reads
   * only their own authority's cases, so it is the case's); null otherwise, or for an administrator.
   */
  void add(String childId, String userId, Date at, String what, String surface, Date removalTime, String authority) {
    jdbc.update("INSERT INTO CASE_READ_LOG (CHILD_ID, USER_ID, READ_AT, WHAT, SURFACE, REMOVAL_TIME, AUTHORITY)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        childId, userId, new Timestamp(at.getTime()), cut(what, 255), cut(surface, 32),
        removalTime == null ? null : new Timestamp(removalTime.getTime()), authority);
  }

  /** The reads of the child's case, oldest first. */
  public List<Read> of(String childId) {
    return of(childId, null);
  }

  /**
   * The reads of the child's case in one authority, oldest first (with {@code null}, every read of
   * the reference): the same reference in another authority is another child, whose reads are not these.
   */
  public List<Read> of(String childId, String authority) {
    String sql = "SELECT USER_ID, READ_AT, WHAT, SURFACE FROM CASE_READ_LOG WHERE CHILD_ID = ?"
        + (authority == null ? "" : " AND AUTHORITY = ?") + " ORDER BY READ_AT, ID";
    Object[] arguments = authority == null ? new Object[] {childId} : new Object[] {childId, authority};
    return jdbc.query(sql, (row, number) -> new Read(row.getString(1), row.getTimestamp(2).toInstant().toString(),
        row.getString(3), row.getString(4)), arguments);
  }

  /** Reg 50: the reads of a record go with it, on the child's 75th birthday. */
  @Scheduled(cron = "${reunification.retention.read-log-cron:0 30 5 * * *}", zone = "Europe/London")
  public int removeExpired() {
    return jdbc.update("DELETE FROM CASE_READ_LOG WHERE REMOVAL_TIME < ?", new Timestamp(ClockUtil.getCurrentTime().getTime()));
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
