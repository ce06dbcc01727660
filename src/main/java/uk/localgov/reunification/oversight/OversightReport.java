package uk.localgov.reunification.oversight;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What a manager is shown: the figures of the cases they may see, for a period. */
public record OversightReport(Period period, String generatedAt, List<Timeliness> timeliness,
    List<OverdueWork> overdue, Outcomes outcomes, Caseload caseload, Costs costs) {

  /** The same figures, priced: the counts of {@link Outcomes} at the unit costs in force. */
  public OversightReport withCosts(Costs priced) {
    return new OversightReport(period, generatedAt, timeliness, overdue, outcomes, caseload, priced);
  }

  public record Period(LocalDate from, LocalDate to) {
  }

  /**
   * One timescale's work due in the period. {@code due} = onTime + late + missed + overdue + pending:
   * done by the due date, done after it, cancelled undone after it (the case ended), open past it,
   * and open but not yet due. Work cancelled before its due date was never owed and is not counted.
   */
  public record Counts(int due, int onTime, int late, int missed, int overdue, int pending) {

    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

    /** Of the work whose due date has passed, the share done on time; null when none has. */
    public Integer onTimePercent() {
      int passed = onTime + late + missed + overdue;
      return passed == 0 ? null : Math.round(100f * onTime / passed);
    }

    Counts plus(Counts other) {
      return new Counts(due + other.due, onTime + other.onTime, late + other.late, missed + other.missed,
          overdue + other.overdue, pending + other.pending);
    }
  }

  public record Timeliness(Timescale timescale, String label, String rule, Counts overall,
      Map<String, Counts> byTeam) {
  }

  /** {@code caseInstanceId}: the child's return (the root of the overdue task's process), for a link to the case. */
  public record OverdueWork(String childId, String childName, String caseInstanceId, String task, String timescale,
      String person, String personName, String team, String teamName, LocalDate due, long daysOverdue) {
  }

  /**
   * Of the children who went home in the period, how many were looked after again within the window.
   * Only children home for the whole window count ({@code followedUp}); of them, {@code backInCare}
   * came back within it.
   */
  public record ReturnsToCare(int months, int followedUp, int backInCare, Integer percent) {
  }

  /**
   * {@code backInCareInPeriod}: children looked after again on a day in the period, whether their
   * case was open or closed and in its follow-up year. {@code sustainedInPeriod}: follow-up years
   * that ended in the period with the child still at home.
   */
  public record Outcomes(int ended, Map<String, Integer> byOutcome, int returnedHome, int backInCareSoFar,
      List<ReturnsToCare> returnsToCare, int backInCareInPeriod, int sustainedInPeriod, AfterClosure afterClosure) {
  }

  /**
   * The year after a case closes with the child at home: cases closed in the period ({@code closed}),
   * followed up now ({@code inFollowUp}), of those closed, back in care within the year
   * ({@code backInCare}) or still at home at its end ({@code sustained}), and the line managers'
   * check-ins done in the period and open now.
   */
  public record AfterClosure(int closed, int inFollowUp, int backInCare, int sustained, int checkInsDone,
      int checkInsOpen) {
  }

  /**
   * Estimates, never accounts: the period's returns to care and the families supported home, each
   * at a unit cost an administrator sets, with where the unit costs come from.
   */
  public record Costs(int returnsToCare, int returnsSustained, int familiesSupported, long costOfReturnsToCare,
      long costOfSupport, UnitCosts unitCosts) {
  }

  /** Pounds per child who returns to care and per family supported when a child goes home, and their source. */
  public record UnitCosts(long returnToCare, long supportPerFamily, String source, String setBy, String setAt) {
  }

  public record WorkerCaseload(String worker, String name, String team, int open, Map<String, Integer> byStage) {
  }

  public record Caseload(int open, Map<String, Integer> byStage, Map<String, Map<String, Integer>> byTeam,
      List<WorkerCaseload> byWorker, Map<String, String> stageLabels, Map<String, String> teamNames) {
  }
}
