package uk.localgov.reunification.casework;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Statutory timescales count whole days in England: work "within 7 days of the return date" is
 * due by the end of the seventh day after it. Known in expressions as {@code caseCalendar}; it
 * reads the engine's clock, so tests can move time.
 */
@Component("caseCalendar")
public class CaseCalendar {

  public static final ZoneId ENGLAND = ZoneId.of("Europe/London");
  /** England's subdivision of the United Kingdom's calendar: Wales has the same bank holidays. */
  static final String ENGLAND_AND_WALES = "eng";
  private static final HolidayManager BANK_HOLIDAYS = HolidayManager.getInstance(ManagerParameters.create("gb"));

  /** The end of the day that falls {@code days} days after {@code date} (yyyy-MM-dd). */
  public Date endOfDayAfter(String date, long days) {
    LocalDate due = parse(date).plusDays(days);
    return Date.from(due.atTime(LocalTime.of(23, 59, 59)).atZone(ENGLAND).toInstant());
  }

  /** The end of the day that falls {@code days} days after today. */
  public Date endOfDayAfterToday(long days) {
    return endOfDayAfter(todayAsText(), days);
  }

  /** {@link #endOfDayAfter} with an ISO-8601 period of days such as {@code P42D}. */
  public Date endOfDayAfter(String date, String period) {
    return endOfDayAfter(date, java.time.Period.parse(period).getDays());
  }

  /** The day that falls {@code days} days after {@code date}, as yyyy-MM-dd, to name a due day. */
  public String dayAfter(String date, long days) {
    return parse(date).plusDays(days).toString();
  }

  /** The day a due date falls on, as yyyy-MM-dd, to name it in a task. */
  public String dayOf(Date due) {
    return due.toInstant().atZone(ENGLAND).toLocalDate().toString();
  }

  /**
   * The end of the working day that falls {@code days} working days after {@code date}: weekends
   * and the bank holidays of England and Wales (Jollyday's calendar, not a list kept here) are not
   * working days.
   */
  public Date endOfWorkingDaysAfter(String date, int days) {
    LocalDate day = parse(date);
    for (int counted = 0; counted < days; ) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(ENGLAND).toInstant());
  }

  /** The end of the next working day after today. */
  public Date endOfNextWorkingDay() {
    return endOfWorkingDaysAfter(todayAsText(), 1);
  }

  public boolean isWorkingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !BANK_HOLIDAYS.isHoliday(day, ENGLAND_AND_WALES);
  }

  public LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ENGLAND).toLocalDate();
  }

  public String todayAsText() {
    return today().toString();
  }

  static LocalDate parse(String date) {
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("not a date in the form yyyy-MM-dd: " + date, e);
    }
  }
}
