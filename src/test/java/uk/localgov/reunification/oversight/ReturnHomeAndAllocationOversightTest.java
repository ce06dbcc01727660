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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.Cases;
import uk.localgov.reunification.oversight.OversightReport.Counts;

/**
 * The two steps that had no timescale, in the manager's figures: recording the return home once it
 * is ratified (14 days, service standard for Salford §7) and allocating the Child in Need
 * co-ordinator once support starts (5 working days, service standard for Salford §8).
 *
 * <p>Team Returns' child's return was ratified on Wednesday 1 October 2025 and recorded on Monday 20
 * October, five days after it was due (15 October). The first visit was on 21 October and support
 * began that day; the co-ordinator, due by Tuesday 28 October, is not allocated on Monday 3 November.
 */
@ApplicationTest
class ReturnHomeAndAllocationOversightTest {

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
  void aLateReturnRecordAndAnOverdueAllocationAreCountedLikeEveryTimescale() {
    new TeamHistory(engine, "returns").people();
    child = "RHA-" + System.nanoTime() % 100000;

    on(2025, 10, 1);
    runtime.startProcessInstanceByKey("plannedReturn", child, Cases.with(Cases.careOrderChild(child), "socialWorker", "swreturns"));
    complete("completeAssessment", Map.of("assessmentSummary", "Mother has engaged with parenting work"));
    complete("compileReturnPlan", Map.of("returnPlan", "Family support twice weekly"));
    complete("preReturnReview", Map.of("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    complete("ratifyDecision", Map.of("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", false));
    on(2025, 10, 20);
    complete("confirmReturnHome", Map.of("returnDate", "2025-10-20"));
    on(2025, 10, 21);
    complete("firstHomeVisit", Map.of("visitDate", "2025-10-21", "childWishesAndFeelings", "Glad to be home",
        "parentView", "Coping", "welfareSafeguarded", true, "childSeenAlone", true));
    jobs.createJobQuery().processInstanceId(runtime.createProcessInstanceQuery().processInstanceBusinessKey(child)
        .processDefinitionKey("childAtHome").singleResult().getId()).activityId("CallActivity_OngoingSupport").list()
        .forEach(job -> jobs.executeJob(job.getId()));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(child).taskDefinitionKey("allocateCinCoordinator")
        .singleResult().getDueDate()).isEqualTo(java.util.Date.from(java.time.LocalDateTime.of(2025, 10, 28, 23, 59, 59)
        .atZone(java.time.ZoneId.of("Europe/London")).toInstant()));
    on(2025, 11, 3);

    identity.setAuthentication("lmreturns", List.of("linemanagers"));
    OversightReport report = figures.report(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

    assertThat(counts(report, Timescale.RETURN_HOME)).as("due, on time, late, missed, overdue, not yet due")
        .isEqualTo(new Counts(1, 0, 1, 0, 0, 0));
    assertThat(counts(report, Timescale.CIN_ALLOCATION)).isEqualTo(new Counts(1, 0, 0, 0, 1, 0));
    assertThat(report.overdue()).anySatisfy(work -> {
      assertThat(work.childId()).isEqualTo(child);
      assertThat(work.task()).isEqualTo("Child in Need co-ordinator allocated");
      assertThat(work.person()).isEqualTo("iro1");
      assertThat(work.due()).isEqualTo(LocalDate.of(2025, 10, 28));
    });
  }

  private Counts counts(OversightReport report, Timescale timescale) {
    return report.timeliness().stream().filter(t -> t.timescale() == timescale).findFirst().orElseThrow().overall();
  }

  private void complete(String taskKey, Map<String, Object> variables) {
    uk.localgov.reunification.CaseWork.complete(tasks, child, taskKey, variables);
  }

  private static void on(int year, int month, int day) {
    ClockUtil.setCurrentTime(TeamHistory.at(year, month, day, 10));
  }
}
