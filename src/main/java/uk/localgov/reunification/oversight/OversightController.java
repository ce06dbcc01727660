package uk.localgov.reunification.oversight;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Refused;
import uk.localgov.reunification.casework.CaseCalendar;

/**
 * {@code GET /api/oversight?from=yyyy-MM-dd&to=yyyy-MM-dd}: timeliness of each timescale, the
 * overdue list, outcomes and returns to care, and the open caseload, for the cases the caller may
 * see. The period defaults to the two years up to today, long enough to follow children home for
 * a whole year.
 */
@RestController
public class OversightController {

  static final int LONGEST_PERIOD_IN_YEARS = 10;

  private final OversightFigures figures;
  private final CaseCalendar calendar;

  public OversightController(OversightFigures figures, CaseCalendar calendar) {
    this.figures = figures;
    this.calendar = calendar;
  }

  @GetMapping("/api/oversight")
  public OversightReport oversight(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    LocalDate end = to == null ? calendar.today() : day("to", to);
    LocalDate start = from == null ? end.minusYears(2).plusDays(1) : day("from", from);
    if (start.isAfter(end)) {
      throw new Refused(400, "'from' (" + start + ") is after 'to' (" + end + ")");
    }
    if (start.plusYears(LONGEST_PERIOD_IN_YEARS).isBefore(end)) {
      throw new Refused(400, "the period from 'from' to 'to' is longer than " + LONGEST_PERIOD_IN_YEARS + " years");
    }
    return figures.report(start, end);
  }

  private static LocalDate day(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new Refused(400, "'" + name + "' is not a date in the form yyyy-MM-dd: " + value);
    }
  }
}
