package uk.localgov.reunification.wording;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import uk.localgov.reunification.casework.CaseCalendar;

/**
 * A day as people here read it: day first (dd/mm/yyyy), the day in England. Stored and sent to
 * integrations as ISO dates; written this way wherever a person reads one (mail, CSV).
 */
public final class UkDates {

  public static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu");
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");

  private UkDates() {
  }

  public static String day(LocalDate day) {
    return day.format(DAY_FIRST);
  }

  /** The day in England of an instant the engine keeps (a due date, a time a step was done). */
  public static String day(Date moment) {
    return day(LocalDate.ofInstant(moment.toInstant(), CaseCalendar.ENGLAND));
  }

  /** An instant as its day and time in England (24-hour clock). */
  public static String dayAndTime(Instant moment) {
    return moment.atZone(CaseCalendar.ENGLAND).format(DAY_AND_TIME);
  }
}
