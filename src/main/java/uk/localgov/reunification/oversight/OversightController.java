package uk.localgov.reunification.oversight;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import uk.localgov.reunification.identity.Roles;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Refused;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.oversight.OversightReport.Costs;
import uk.localgov.reunification.oversight.OversightReport.Outcomes;
import uk.localgov.reunification.oversight.OversightReport.Period;
import uk.localgov.reunification.oversight.OversightReport.UnitCosts;

/**
 * {@code GET /api/oversight?from=yyyy-MM-dd&to=yyyy-MM-dd}: timeliness of each timescale, the
 * overdue list, outcomes and returns to care, the open caseload and what the returns cost, for the
 * cases the caller may see. The period defaults to the two years up to today, long enough to follow
 * children home for a whole year. The same report as CSV: {@code GET /api/oversight.csv} (every
 * figure) and {@code GET /api/oversight/overdue.csv} (the overdue list), with the same parameters.
 */
@RestController
public class OversightController {

  static final int LONGEST_PERIOD_IN_YEARS = 10;
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final OversightFigures figures;
  private final UnitCostBook unitCosts;
  private final CaseCalendar calendar;

  private final RegionalOversight regional;
  private final IdentityService identity;

  public OversightController(OversightFigures figures, UnitCostBook unitCosts, CaseCalendar calendar,
      RegionalOversight regional, IdentityService identity) {
    this.regional = regional;
    this.identity = identity;
    this.figures = figures;
    this.unitCosts = unitCosts;
    this.calendar = calendar;
  }

  @GetMapping("/api/oversight")
  public OversightReport oversight(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Period period = period(from, to);
    OversightReport report = figures.report(period.from(), period.to());
    return report.withCosts(priced(report.outcomes(), unitCosts.current()));
  }

  /**
   * {@code GET /api/oversight/region}: each authority's figures and the region's totals, counts
   * only, for the regional managers (and administrators); anyone else is refused.
   */
  @GetMapping("/api/oversight/region")
  public RegionalReport region(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Authentication caller = identity.getCurrentAuthentication();
    List<String> groups = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    if (!groups.contains(Roles.REGIONAL_MANAGERS) && !groups.contains(Roles.ADMINISTRATORS)) {
      throw new Refused(403, "the region's figures are for " + Roles.REGIONAL_MANAGERS + "; your own authority's are at"
          + " /api/oversight");
    }
    Period period = period(from, to);
    return regional.report(period.from(), period.to());
  }

  @GetMapping("/api/oversight.csv")
  public ResponseEntity<String> oversightCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    OversightReport report = oversight(from, to);
    return csv("oversight", report.period(), OversightCsv.figures(report));
  }

  @GetMapping("/api/oversight/overdue.csv")
  public ResponseEntity<String> overdueCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    OversightReport report = oversight(from, to);
    return csv("oversight-overdue", report.period(), OversightCsv.overdue(report));
  }

  /**
   * Estimates: the period's returns to care, sustained returns and families supported home, the
   * first and last at their unit cost. {@code returnsSustained} is a count only, beside them.
   */
  static Costs priced(Outcomes outcomes, UnitCosts unit) {
    return new Costs(outcomes.backInCareInPeriod(), outcomes.sustainedInPeriod(), outcomes.returnedHome(),
        outcomes.backInCareInPeriod() * unit.returnToCare(), outcomes.returnedHome() * unit.supportPerFamily(), unit);
  }

  /** A download named by its period; not kept in the browser's cache, as it names children. */
  private static ResponseEntity<String> csv(String name, Period period, String body) {
    return ResponseEntity.ok().contentType(CSV).cacheControl(CacheControl.noStore())
        .header("Content-Disposition", ContentDisposition.attachment()
            .filename(name + "-" + period.from() + "-to-" + period.to() + ".csv").build().toString())
        .body(body);
  }

  private Period period(String from, String to) {
    LocalDate end = to == null ? calendar.today() : day("to", to);
    LocalDate start = from == null ? end.minusYears(2).plusDays(1) : day("from", from);
    if (start.isAfter(end)) {
      throw new Refused(400, "'from' (" + start + ") is after 'to' (" + end + ")");
    }
    if (start.plusYears(LONGEST_PERIOD_IN_YEARS).isBefore(end)) {
      throw new Refused(400, "the period from 'from' to 'to' is longer than " + LONGEST_PERIOD_IN_YEARS + " years");
    }
    return new Period(start, end);
  }

  private static LocalDate day(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new Refused(400, "'" + name + "' is not a date in the form yyyy-MM-dd: " + value);
    }
  }
}
