package uk.localgov.reunification.oversight;

import java.util.List;
import java.util.Map;
import uk.localgov.reunification.oversight.OversightReport.Counts;
import uk.localgov.reunification.oversight.OversightReport.Period;

/**
 * The region's figures: each authority's and the region's totals side by side, as counts only.
 * No child's name or case reference, and no worker's: a regional co-operative plans services, it
 * does not hold cases (seed 001, Portsmouth's Regional Care Co-operative).
 */
public record RegionalReport(Period period, String generatedAt, List<AuthorityFigures> authorities,
    AuthorityFigures region) {

  /**
   * One authority's (or the region's) figures: the timeliness of each timescale, the work overdue
   * now, the open caseload by stage, and how the period's cases ended.
   */
  public record AuthorityFigures(String authority, String name, Map<String, Counts> timeliness, int overdue,
      int openCases, Map<String, Integer> openByStage, int ended, Map<String, Integer> byOutcome, int returnedHome,
      int backInCareSoFar, int backInCareInPeriod, int sustainedInPeriod) {
  }
}
