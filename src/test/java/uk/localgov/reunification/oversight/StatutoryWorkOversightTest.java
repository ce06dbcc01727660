package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.Cases;
import uk.localgov.reunification.oversight.OversightReport.Counts;

/**
 * Regs 28 and 33 in the manager's figures: the statutory visits and looked-after reviews of a child
 * at home under a care order are counted on time, late or overdue like every other timescale.
 *
 * <p>Team Statutory's child went home on Monday 1 September 2025 when the placement broke down
 * (a reg 19 placement: weekly visits until the first review). First home visit 2 September; statutory
 * visits on 9 September (due 9th: on time) and 18 September (due 16th: late); the next, due a week
 * later on 25 September, is not done on Monday 3 November. The IRO's first looked-after review, due 1
 * March 2026 (six months after the return, no review of the return being on record), was held on 22
 * September; the next is due on 22 March 2026. Figures for 2025 and 2026, by due date.
 */
@ApplicationTest
class StatutoryWorkOversightTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService jobs;
  @Autowired
  IdentityService identity;
  @Autowired
  OversightFigures figures;

  String child;

  @AfterEach
  void closeTheCase() {
    ClockUtil.reset();
    identity.clearAuthentication();
    if (child != null) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(child).rootProcessInstances().list()
          .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
    }
  }

  @Test
  void statutoryVisitsAndLookedAfterReviewsAreCountedLikeEveryTimescale() {
    new TeamHistory(engine, "statutory").people();
    child = "STAT-" + System.nanoTime() % 100000;

    on(2025, 9, 1);
    runtime.startProcessInstanceByKey("unplannedReturn", child, Cases.with(Cases.careOrderChild(child),
        "socialWorker", "swstatutory", "returnDate", "2025-09-01", "returnReason", "PLACEMENT_BREAKDOWN"));
    on(2025, 9, 2);
    complete("firstHomeVisit", Map.of("visitDate", "2025-09-02", "childWishesAndFeelings", "Glad to be home",
        "parentView", "Coping", "welfareSafeguarded", true, "childSeenAlone", true));
    on(2025, 9, 9);
    visit("2025-09-09");
    on(2025, 9, 18);
    visit("2025-09-18");
    on(2025, 9, 22);
    complete("lookedAfterReview", Map.of("reviewDate", "2025-09-22", "reviewNotes", "Plan holding"));
    on(2025, 11, 3);

    identity.setAuthentication("lmstatutory", List.of("linemanagers"));
    OversightReport report = figures.report(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31));

    assertThat(counts(report, Timescale.STATUTORY_VISIT)).as("due, on time, late, missed, overdue, not yet due")
        .isEqualTo(new Counts(3, 1, 1, 0, 1, 0));
    assertThat(counts(report, Timescale.LOOKED_AFTER_REVIEW)).as("the next review is not due until March 2026")
        .isEqualTo(new Counts(2, 1, 0, 0, 0, 1));
    assertThat(report.timeliness().stream().filter(t -> t.timescale() == Timescale.STATUTORY_VISIT).findFirst()
        .orElseThrow().byTeam()).containsOnlyKeys("teamstatutory");
    assertThat(report.overdue()).anySatisfy(work -> {
      assertThat(work.childId()).isEqualTo(child);
      assertThat(work.task()).isEqualTo("Statutory visit");
      assertThat(work.person()).isEqualTo("swstatutory");
      assertThat(work.due()).isEqualTo(LocalDate.of(2025, 9, 25));
      assertThat(work.daysOverdue()).isEqualTo(39);
    });
  }

  /**
   * Reg 19(b) and reg 9(2) in the manager's figures. Team Reg 19's child, under a care order, went
   * home unplanned on Monday 1 September 2025: the placement plan was due within 5 working days (8
   * September) and was recorded on the 10th (late); the assessment of the placement was due within
   * 10 working days (15 September) and was recorded on the 12th (on time).
   */
  @Test
  void aReg19PlacementsAssessmentAndPlacementPlanAreCountedLikeEveryTimescale() {
    new TeamHistory(engine, "reg19").people();
    child = "REG19-" + System.nanoTime() % 100000;

    on(2025, 9, 1);
    runtime.startProcessInstanceByKey("unplannedReturn", child, Cases.with(Cases.careOrderChild(child),
        "socialWorker", "swreg19", "returnDate", "2025-09-01", "returnReason", "PLACEMENT_BREAKDOWN"));
    on(2025, 9, 10);
    complete("recordPlacementPlan", Map.of("placementPlan", "Mother cares for him day to day; contact with father weekly",
        "placementPlanSigned", true));
    on(2025, 9, 12);
    complete("assessPlacementWithParent", Map.of("parentInterviewedOn", "2025-09-03",
        "placementAssessment", "Mother's home is safe; her partner has left", "placementSafeguardsWelfare", true));
    on(2025, 10, 1);

    identity.setAuthentication("lmreg19", List.of("linemanagers"));
    OversightReport report = figures.report(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

    assertThat(counts(report, Timescale.PLACEMENT_PLAN)).as("due, on time, late, missed, overdue, not yet due")
        .isEqualTo(new Counts(1, 0, 1, 0, 0, 0));
    assertThat(counts(report, Timescale.PLACEMENT_ASSESSMENT)).isEqualTo(new Counts(1, 1, 0, 0, 0, 0));
  }

  private Counts counts(OversightReport report, Timescale timescale) {
    return report.timeliness().stream().filter(t -> t.timescale() == timescale).findFirst().orElseThrow().overall();
  }

  private void visit(String day) {
    complete("statutoryVisit", Map.of("visitDate", day, "childSeenAlone", true, "childWishesAndFeelings", "Fine",
        "parentView", "Managing", "welfareSafeguarded", true));
  }

  private void complete(String taskKey, Map<String, Object> variables) {
    uk.localgov.reunification.CaseWork.complete(tasks, child, taskKey, variables);
  }

  private static void on(int year, int month, int day) {
    ClockUtil.setCurrentTime(TeamHistory.at(year, month, day, 10));
  }
}
