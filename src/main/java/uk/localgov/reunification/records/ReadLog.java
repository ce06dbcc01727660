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

  void add(String childId, String userId, Date at, String what, String surface, Date removalTime) {
    jdbc.update("INSERT INTO CASE_READ_LOG (CHILD_ID, USER_ID, READ_AT, WHAT, SURFACE, REMOVAL_TIME) VALUES (?, ?, ?, ?, ?, ?)",
        childId, userId, new Timestamp(at.getTime()), cut(what, 255), cut(surface, 32),
        removalTime == null ? null : new Timestamp(removalTime.getTime()));
  }

  /** The reads of the child's case, oldest first. */
  public List<Read> of(String childId) {
    return jdbc.query("SELECT USER_ID, READ_AT, WHAT, SURFACE FROM CASE_READ_LOG WHERE CHILD_ID = ? ORDER BY READ_AT, ID",
        (row, number) -> new Read(row.getString(1), row.getTimestamp(2).toInstant().toString(), row.getString(3),
            row.getString(4)), childId);
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
