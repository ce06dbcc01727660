package uk.localgov.reunification.oversight;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What a manager is shown: the figures of the cases they may see, for a period. */
public record OversightReport(Period period, String generatedAt, List<Timeliness> timeliness,
    List<OverdueWork> overdue, Outcomes outcomes, Caseload caseload) {

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

  public record OverdueWork(String childId, String task, String timescale, String person, String personName,
      String team, LocalDate due, long daysOverdue) {
  }

  /**
   * Of the children who went home in the period, how many were looked after again within the window.
   * Only children home for the whole window count ({@code followedUp}); of them, {@code backInCare}
   * came back within it.
   */
  public record ReturnsToCare(int months, int followedUp, int backInCare, Integer percent) {
  }

  public record Outcomes(int ended, Map<String, Integer> byOutcome, int returnedHome, int backInCareSoFar,
      List<ReturnsToCare> returnsToCare) {
  }

  public record WorkerCaseload(String worker, String name, String team, int open, Map<String, Integer> byStage) {
  }

  public record Caseload(int open, Map<String, Integer> byStage, Map<String, Map<String, Integer>> byTeam,
      List<WorkerCaseload> byWorker, Map<String, String> stageLabels, Map<String, String> teamNames) {
  }
}
