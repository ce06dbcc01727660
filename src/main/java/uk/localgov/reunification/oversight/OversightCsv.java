package uk.localgov.reunification.oversight;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.localgov.reunification.oversight.OversightReport.AfterClosure;
import uk.localgov.reunification.oversight.OversightReport.Costs;
import uk.localgov.reunification.oversight.OversightReport.Counts;
import uk.localgov.reunification.oversight.OversightReport.Outcomes;
import uk.localgov.reunification.oversight.OversightReport.OverdueWork;
import uk.localgov.reunification.oversight.OversightReport.ReturnsToCare;
import uk.localgov.reunification.oversight.OversightReport.Timeliness;
import uk.localgov.reunification.oversight.OversightReport.WorkerCaseload;
import uk.localgov.reunification.wording.UkDates;

/**
 * The oversight report as CSV (RFC 4180: comma-separated, CRLF, a cell quoted when it holds a comma,
 * quote or line break, quotes doubled), for managers to keep or to work on in a spreadsheet. Every
 * text that a spreadsheet would take for a formula ({@link #neutralised}) is made to stay text:
 * names and the unit costs' source are typed in by people.
 */
final class OversightCsv {

  static final List<String> FIGURE_COLUMNS = List.of("section", "figure", "label", "team", "teamName", "value");
  static final List<String> OVERDUE_COLUMNS = List.of("childId", "childName", "task", "timescale", "person", "personName",
      "team", "teamName", "due", "daysOverdue");
  /** The columns of {@link Counts}, with the dashboard's headings. */
  private static final List<List<String>> COUNTS = List.of(List.of("due", "due"), List.of("onTime", "on time"),
      List.of("late", "late"), List.of("missed", "missed"), List.of("overdue", "overdue now"),
      List.of("pending", "not yet due"), List.of("onTimePercent", "% on time"));

  private OversightCsv() {
  }

  /** One row per figure: section, figure (the dashboard's name for it), label, team (empty: all) and its name, value. */
  static String figures(OversightReport report) {
    Rows rows = new Rows(FIGURE_COLUMNS, report.caseload().teamNames());
    rows.add("report", "from", "Period from", "", report.period().from());
    rows.add("report", "to", "Period to", "", report.period().to());
    rows.add("report", "generatedAt", "Figures as at (UK time)", "",
        UkDates.dayAndTime(java.time.Instant.parse(report.generatedAt())));
    for (Timeliness t : report.timeliness()) {
      counts(rows, t, "", t.overall());
      t.byTeam().forEach((team, counts) -> counts(rows, t, team, counts));
    }
    outcomes(rows, report.outcomes());
    costs(rows, report.costs());
    rows.add("caseload", "open", "Open cases", "", report.caseload().open());
    report.caseload().byStage().forEach((stage, open) ->
        rows.add("caseload", stage, stageLabel(report, stage), "", open));
    report.caseload().byTeam().forEach((team, byStage) -> byStage.forEach((stage, open) ->
        rows.add("caseload", stage, stageLabel(report, stage), team, open)));
    for (WorkerCaseload worker : report.caseload().byWorker()) {
      rows.add("caseload", "worker." + worker.worker(), "Open cases of " + worker.name(), worker.team(), worker.open());
    }
    return rows.toString();
  }

  /** One row per piece of overdue work, most overdue first, as the report lists them. */
  static String overdue(OversightReport report) {
    Rows rows = new Rows(OVERDUE_COLUMNS, Map.of());
    for (OverdueWork work : report.overdue()) {
      rows.row(work.childId(), work.childName(), work.task(), work.timescale(), work.person(), work.personName(),
          work.team(), work.teamName(), work.due(), work.daysOverdue());
    }
    return rows.toString();
  }

  private static void counts(Rows rows, Timeliness t, String team, Counts counts) {
    List<Object> values = List.of(counts.due(), counts.onTime(), counts.late(), counts.missed(), counts.overdue(),
        counts.pending(), counts.onTimePercent() == null ? "" : counts.onTimePercent());
    for (int i = 0; i < COUNTS.size(); i++) {
      rows.add("timeliness", t.timescale() + "." + COUNTS.get(i).get(0), t.label() + ": " + COUNTS.get(i).get(1), team,
          values.get(i));
    }
  }

  private static void outcomes(Rows rows, Outcomes outcomes) {
    rows.add("outcomes", "ended", "Cases that ended in the period", "", outcomes.ended());
    outcomes.byOutcome().forEach((outcome, cases) ->
        rows.add("outcomes", "outcome." + outcome, "Cases that ended: " + outcome, "", cases));
    rows.add("outcomes", "returnedHome", "Children who went home in the period", "", outcomes.returnedHome());
    rows.add("outcomes", "backInCareSoFar", "Of them, back in care so far", "", outcomes.backInCareSoFar());
    rows.add("outcomes", "backInCareInPeriod", "Children back in care on a day in the period", "",
        outcomes.backInCareInPeriod());
    rows.add("outcomes", "sustainedInPeriod", "Follow-up years that ended in the period with the child at home", "",
        outcomes.sustainedInPeriod());
    for (ReturnsToCare window : outcomes.returnsToCare()) {
      String months = "returns." + window.months();
      rows.add("returnsToCare", months + ".followedUp", "Home " + window.months() + " months", "", window.followedUp());
      rows.add("returnsToCare", months + ".backInCare", "Back in care within " + window.months() + " months", "",
          window.backInCare());
      rows.add("returnsToCare", months + ".percent", "% back in care within " + window.months() + " months", "",
          window.percent() == null ? "" : window.percent());
    }
    AfterClosure after = outcomes.afterClosure();
    if (after != null) {
      rows.add("afterClosure", "closed", "Cases closed in the period with the child at home", "", after.closed());
      rows.add("afterClosure", "inFollowUp", "In their follow-up year now", "", after.inFollowUp());
      rows.add("afterClosure", "backInCare", "Of those closed, back in care within the year", "", after.backInCare());
      rows.add("afterClosure", "sustained", "Of those closed, at home at the year's end", "", after.sustained());
      rows.add("afterClosure", "checkInsDone", "Check-ins done in the period", "", after.checkInsDone());
      rows.add("afterClosure", "checkInsOpen", "Check-ins open now", "", after.checkInsOpen());
    }
  }

  private static void costs(Rows rows, Costs costs) {
    if (costs == null) {
      return;
    }
    rows.add("costs", "returnsToCare", "Children back in care in the period", "", costs.returnsToCare());
    rows.add("costs", "returnsSustained", "Returns sustained in the period", "", costs.returnsSustained());
    rows.add("costs", "familiesSupported", "Families supported when a child went home", "", costs.familiesSupported());
    rows.add("costs", "costOfReturnsToCare", "Estimated cost of the returns to care (GBP)", "",
        costs.costOfReturnsToCare());
    rows.add("costs", "costOfSupport", "Estimated cost of supporting the families (GBP)", "", costs.costOfSupport());
    rows.add("costs", "unitCosts.returnToCare", "Unit cost per child who returns to care (GBP)", "",
        costs.unitCosts().returnToCare());
    rows.add("costs", "unitCosts.supportPerFamily", "Unit cost of support per family (GBP)", "",
        costs.unitCosts().supportPerFamily());
    rows.add("costs", "unitCosts.source", "Source of the unit costs", "", costs.unitCosts().source());
    rows.add("costs", "unitCosts.setBy", "Unit costs set by (empty: the defaults)", "", costs.unitCosts().setBy());
    rows.add("costs", "unitCosts.setAt", "Unit costs set at", "", costs.unitCosts().setAt());
  }

  private static String stageLabel(OversightReport report, String stage) {
    Map<String, String> labels = report.caseload().stageLabels();
    return "Open cases at " + labels.getOrDefault(stage, stage);
  }

  /** A CSV table, the header first. */
  private static final class Rows {
    private final StringBuilder text = new StringBuilder();
    private final Map<String, String> teamNames;

    Rows(List<String> columns, Map<String, String> teamNames) {
      this.teamNames = teamNames == null ? Map.of() : teamNames;
      row(columns.toArray());
    }

    void add(String section, String figure, String label, String team, Object value) {
      row(section, figure, label, team, team.isEmpty() ? "" : teamNames.getOrDefault(team, team), value);
    }

    void row(Object... cells) {
      for (int i = 0; i < cells.length; i++) {
        text.append(i == 0 ? "" : ",").append(cell(cells[i]));
      }
      text.append("\r\n");
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** One cell: neutralised if a spreadsheet would run it, then quoted if it must be. */
  static String cell(Object value) {
    String text = value == null ? "" : value instanceof Number ? value.toString()
        : value instanceof LocalDate day ? UkDates.day(day) : neutralised(value.toString());
    if (text.contains(",") || text.contains("\"") || text.contains("\r") || text.contains("\n")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  /**
   * Text that no spreadsheet runs: a cell that begins with a tab or CR is prefixed with ', and so is
   * a formula's first character (= + - @, after any spaces) wherever a cell could begin: at the
   * start, or after a separator some importers split on (; , | tab or a line break).
   */
  static String neutralised(String text) {
    StringBuilder safe = new StringBuilder(text.length() + 2);
    if (!text.isEmpty() && "\t\r".indexOf(text.charAt(0)) >= 0) {
      safe.append('\'');
    }
    boolean cellMayBegin = true;
    for (char c : text.toCharArray()) {
      if (cellMayBegin && "=+-@".indexOf(c) >= 0) {
        safe.append('\'');
      }
      safe.append(c);
      cellMayBegin = ";,|\t\r\n".indexOf(c) >= 0 || cellMayBegin && c == ' ';
    }
    return safe.toString();
  }
}
