package uk.localgov.reunification.oversight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.authority.Authorities;
import uk.localgov.reunification.authority.AuthoritiesProperties.Authority;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.oversight.OversightReport.Counts;
import uk.localgov.reunification.oversight.RegionalReport.AuthorityFigures;

/** Each authority's figures, counted over all its cases, and the region's totals ({@link RegionalReport}). */
@Service
public class RegionalOversight {

  static final String REGION = "region";

  private final OversightFigures figures;
  private final Authorities authorities;
  private final UnrestrictedLookups lookups;

  public RegionalOversight(OversightFigures figures, Authorities authorities, UnrestrictedLookups lookups) {
    this.figures = figures;
    this.authorities = authorities;
    this.lookups = lookups;
  }

  public RegionalReport report(LocalDate from, LocalDate to) {
    List<AuthorityFigures> each = new ArrayList<>();
    String generatedAt = null;
    List<Authority> all = authorities.all().isEmpty() ? List.of(new Authority(null, "This authority")) : authorities.all();
    for (Authority authority : all) {
      // one authority's cases only when several share the platform; a single authority's are all of them
      String tenant = authorities.shared() ? authority.id() : null;
      OversightReport report = lookups.readAcrossAuthorities(() -> figures.reportOfAuthority(from, to, tenant));
      generatedAt = report.generatedAt();
      each.add(countsOf(authority.id(), authority.name(), report));
    }
    return new RegionalReport(new OversightReport.Period(from, to), generatedAt, each, total(each));
  }

  static AuthorityFigures countsOf(String id, String name, OversightReport report) {
    Map<String, Counts> timeliness = new TreeMap<>();
    report.timeliness().forEach(timescale -> timeliness.put(timescale.timescale().name(), timescale.overall()));
    OversightReport.Outcomes outcomes = report.outcomes();
    return new AuthorityFigures(id, name, timeliness, report.overdue().size(), report.caseload().open(),
        new TreeMap<>(report.caseload().byStage()), outcomes.ended(), new TreeMap<>(outcomes.byOutcome()),
        outcomes.returnedHome(), outcomes.backInCareSoFar(), outcomes.backInCareInPeriod(), outcomes.sustainedInPeriod());
  }

  static AuthorityFigures total(List<AuthorityFigures> each) {
    Map<String, Counts> timeliness = new TreeMap<>();
    Map<String, Integer> byStage = new TreeMap<>();
    Map<String, Integer> byOutcome = new TreeMap<>();
    int overdue = 0;
    int open = 0;
    int ended = 0;
    int home = 0;
    int backSoFar = 0;
    int backInPeriod = 0;
    int sustained = 0;
    for (AuthorityFigures one : each) {
      one.timeliness().forEach((timescale, counts) -> timeliness.merge(timescale, counts, Counts::plus));
      one.openByStage().forEach((stage, count) -> byStage.merge(stage, count, Integer::sum));
      one.byOutcome().forEach((outcome, count) -> byOutcome.merge(outcome, count, Integer::sum));
      overdue += one.overdue();
      open += one.openCases();
      ended += one.ended();
      home += one.returnedHome();
      backSoFar += one.backInCareSoFar();
      backInPeriod += one.backInCareInPeriod();
      sustained += one.sustainedInPeriod();
    }
    return new AuthorityFigures(REGION, "All authorities", timeliness, overdue, open, byStage, ended, byOutcome, home,
        backSoFar, backInPeriod, sustained);
  }
}
