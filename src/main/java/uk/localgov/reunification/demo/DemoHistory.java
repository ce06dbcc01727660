package uk.localgov.reunification.demo;

import static uk.localgov.reunification.casework.CaseCalendar.ENGLAND;

import uk.localgov.reunification.casework.CaseRecord;
import uk.localgov.reunification.followup.CaseFollowUps;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Nine fictional children whose returns home began over the last two years, run through the real models on the
 * engine's clock set back to each day, so that Cockpit's oversight dashboard has something true to
 * show: most work on time, some late, five children back in care (one within a fortnight, one at two
 * months, one at four, one at five, and one a month after its case closed), the others stepped down,
 * transferred, withdrawn or not ratified and then followed up for a year after closure (one sustained at
 * home, two still followed up). The job executor is held while the clock is in the past, so no timer fires
 * out of turn.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "reunification.demo.cases", havingValue = "true")
class DemoHistory {

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService jobs;

  DemoHistory(ProcessEngine engine) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.jobs = engine.getManagementService();
  }

  void create(LocalDate today) {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    boolean wasActive = executor != null && executor.isActive();
    if (wasActive) {
      executor.shutdown();
    }
    try {
      LocalDate home = today.minusMonths(19);
      unplanned("2001", "Grace Holt", "socialworker1", "iro1", home)
          .visited(home.plusDays(5)).reviewed(home.plusDays(15)).ratified(home.plusDays(18))
          .supportStarted(home.plusDays(18)).cinReview(home.plusDays(55), "STEP_DOWN_TO_UNIVERSAL")
          .closed(home.plusDays(58)).checkedIn(true).checkedIn(true).checkedIn(true);
      home = today.minusMonths(17);
      planned("2002", "Alfie Brooks", "socialworker2", "iro1", home.minusDays(40))
          .ratified(home.minusDays(4)).confirmedHome(home)
          .visited(home.plusDays(10)).supportStarted(home.plusDays(10))
          .statutoryVisit(home.plusDays(45)).cinReview(home.plusDays(60), "CONTINUE").statutoryVisit(home.plusDays(84))
          .returnedToCare(home.plusMonths(4));
      home = today.minusMonths(15);
      unplanned("2003", "Poppy Lane", "socialworker3", "iro2", home)
          .visited(home.plusDays(6)).reviewed(home.plusDays(18)).ratified(home.plusDays(22))
          .supportStarted(home.plusDays(22)).cinReview(home.plusDays(60), "CONTINUE")
          .cinReview(home.plusDays(100), "TRANSFER_TO_TEAM_AROUND_CHILD").closed(home.plusDays(103))
          .checkedIn(true).checkedIn(true);
      home = today.minusMonths(14);
      unplanned("2004", "Charlie Dean", "socialworker1", "iro2", home)
          .visited(home.plusDays(10)).reviewed(home.plusDays(26)).ratified(home.plusDays(40))
          .supportStarted(home.plusDays(40)).returnedToCare(home.plusMonths(2));
      home = today.minusMonths(9);
      // accommodated under section 20, so the family may withdraw from support (Salford §8)
      unplanned("2005", "Daisy Frost", "socialworker2", "iro1", home, "SECTION_20", "PARENT_REMOVED_FROM_SECTION_20")
          .visited(home.plusDays(4)).reviewed(home.plusDays(24)).ratified(home.plusDays(27))
          .supportStarted(home.plusDays(27)).withdrew(home.plusMonths(2))
          .cafReviewed(home.plusMonths(2).plusDays(40)).closed(home.plusMonths(2).plusDays(42))
          .checkedIn(true).checkInOpens();
      home = today.minusMonths(8);
      unplanned("2006", "Arlo Grant", "socialworker3", "iro2", home)
          .visited(home.plusDays(3)).reviewed(home.plusDays(12)).ratified(home.plusDays(14))
          .supportStarted(home.plusDays(14)).cinReview(home.plusDays(50), "CONTINUE").returnedToCare(home.plusMonths(5));
      planned("2007", "Ivy Marsh", "socialworker1", "iro1", today.minusMonths(6))
          .notRatified(today.minusMonths(6).plusDays(30));
      home = today.minusMonths(5);
      unplanned("2008", "Reuben Hale", "socialworker2", "iro2", home)
          .visited(home.plusDays(9)).reviewed(home.plusDays(16)).ratified(home.plusDays(20))
          .supportStarted(home.plusDays(20)).cinReview(home.plusDays(58), "STEP_DOWN_TO_UNIVERSAL")
          .closed(home.plusDays(60)).returnedToCare(home.plusDays(95));
      home = today.minusMonths(4);
      unplanned("2009", "Willow Stone", "socialworker3", "iro1", home)
          .visited(home.plusDays(2)).returnedToCare(home.plusDays(14));
    } finally {
      ClockUtil.reset();
      if (wasActive) {
        executor.start();
      }
    }
  }

  /** A placement that broke down for a child accommodated under section 20 (Salford's timescales throughout). */
  private PastCase unplanned(String number, String name, String socialWorker, String iro, LocalDate home) {
    return unplanned(number, name, socialWorker, iro, home, "SECTION_20", "PLACEMENT_BREAKDOWN");
  }

  private PastCase unplanned(String number, String name, String socialWorker, String iro, LocalDate home,
      String legalStatus, String returnReason) {
    clock(home);
    Map<String, Object> variables = facts(number, name, socialWorker, iro, legalStatus);
    variables.put("returnDate", home.toString());
    variables.put("returnReason", returnReason);
    runtime.startProcessInstanceByKey("unplannedReturn", DemoCases.PREFIX + number, variables);
    return new PastCase(DemoCases.PREFIX + number).complete("completeReturnPlan", Map.of("returnPlan",
        "Outreach team daily for the first week; school informed; family group conference within a fortnight."));
  }

  private PastCase planned(String number, String name, String socialWorker, String iro, LocalDate opened) {
    clock(opened);
    runtime.startProcessInstanceByKey("plannedReturn", DemoCases.PREFIX + number, facts(number, name, socialWorker, iro, "CARE_ORDER"));
    return new PastCase(DemoCases.PREFIX + number)
        .complete("completeAssessment", Map.of("assessmentSummary", "Parenting capacity assessed; strengths in the wider family."))
        .at(opened.plusDays(14)).complete("compileReturnPlan", Map.of("returnPlan",
            "Family support worker twice weekly; school nurse; Children's Centre parenting programme."))
        .at(opened.plusDays(25)).complete("preReturnReview", Map.of("reviewOutcome", "PROCEED",
            "reviewReasons", "The plan names support for each risk; the child and the parents want the return."));
  }

  private static Map<String, Object> facts(String number, String name, String socialWorker, String iro,
      String legalStatus) {
    return CaseRecord.child(DemoCases.PREFIX + number, name, "2013-06-15", legalStatus, 36, false, socialWorker, iro)
        .startVariables();
  }

  private static void clock(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(ENGLAND).toInstant()));
  }

  /** One child's past case, walked forward day by day. */
  private final class PastCase {
    private final String childId;
    private LocalDate closedOn;
    private int checkIns;

    PastCase(String childId) {
      this.childId = childId;
    }

    PastCase at(LocalDate day) {
      clock(day);
      return this;
    }

    PastCase visited(LocalDate day) {
      return at(day).complete("firstHomeVisit", Map.of("visitDate", day.toString(),
          "childWishesAndFeelings", "Happy to be home; wants to keep seeing the foster carer.",
          "parentView", "Coping; asked for help with bedtimes.", "welfareSafeguarded", true, "childSeenAlone", true));
    }

    PastCase reviewed(LocalDate day) {
      return at(day).complete("returnReview", Map.of("reviewNotes", "Plan agreed; support in place."));
    }

    PastCase ratified(LocalDate day) {
      return at(day).complete("ratifyDecision", decision("RATIFIED"));
    }

    PastCase notRatified(LocalDate day) {
      return at(day).complete("ratifyDecision", decision("NOT_RATIFIED"));
    }

    PastCase confirmedHome(LocalDate day) {
      return at(day).complete("confirmReturnHome", Map.of("returnDate", day.toString()));
    }

    PastCase supportStarted(LocalDate day) {
      at(day);
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
          jobs.createJobQuery().processInstanceId(instance.getId()).activityId("CallActivity_OngoingSupport").list()
              .forEach(job -> jobs.executeJob(job.getId())));
      return complete("allocateCinCoordinator", Map.of("cinCoordinator", "cincoordinator1"));
    }

    /** Reg 28(5): the social worker's visit to a child at home under a care order. */
    PastCase statutoryVisit(LocalDate day) {
      return at(day).complete("statutoryVisit", Map.of("visitDate", day.toString(), "childSeenAlone", true,
          "childWishesAndFeelings", "Happy at home; worried about moving school.", "parentView", "Managing, tired.",
          "welfareSafeguarded", true));
    }

    PastCase cinReview(LocalDate day, String outcome) {
      return at(day).complete("supportReview", Map.of("supportOutcome", outcome,
          "reviewNotes", "Progress reviewed with the family and school."));
    }

    PastCase returnedToCare(LocalDate day) {
      at(day);
      runtime.createMessageCorrelation("ChildReturnedToCare").processInstanceBusinessKey(childId).correlate();
      return this;
    }

    /** Reg 39(2): the closure and the child's view recorded, and signed off by the line manager, that day. */
    PastCase closed(LocalDate day) {
      at(day).runJob("CallActivity_CloseCase").runJob("CallActivity_CloseCaseAfterWithdrawal");
      complete("recordCaseClosure", Map.of("closingSummary", "Settled at home; universal services and school in place.",
          "childViewOnClosure", "Glad to be home and that the meetings are ending; knows who to call."));
      complete("signOffClosure", Map.of("closureSignedOff", true, "signOffNotes", "Agreed: the support that continues"
          + " keeps the child safe."));
      closedOn = day;
      return runJob("ServiceTask_BeginFollowUp").runJob("ServiceTask_BeginFollowUpAfterWithdrawal");
    }

    /** The next check-in of the follow-up year, on its day: the line manager finds the child at home or not. */
    PastCase checkedIn(boolean atHome) {
      checkInOpens();
      return complete("confirmChildAtHome", atHome
          ? Map.of("childStillAtHome", true, "checkInNotes", "School and health visitor say the child is settled at home.")
          : Map.of("childStillAtHome", false, "checkInNotes", "Placed with foster carers again.",
              "returnedToCareOn", ClockUtil.getCurrentTime().toInstant().atZone(ENGLAND).toLocalDate().toString()));
    }

    /** The next check-in's timer runs on its day, as the job executor would. */
    PastCase checkInOpens() {
      checkIns++;
      at(closedOn.plusMonths(CaseFollowUps.CHECK_IN_MONTHS.get(checkIns - 1)));
      return runJob("Timer_CheckInDue");
    }

    private PastCase runJob(String activityId) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
          jobs.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list()
              .forEach(job -> jobs.executeJob(job.getId())));
      return this;
    }

    PastCase withdrew(LocalDate day) {
      at(day);
      runtime.createMessageCorrelation("FamilyWithdrewConsent").processInstanceBusinessKey(childId).correlate();
      return complete("recordWithdrawal", Map.of("withdrawalNotes", "Family no longer wish to engage.",
          "cafContinues", true));
    }

    /** Salford §8: the CAF went on after the withdrawal; its review finds universal services now meet the needs. */
    PastCase cafReviewed(LocalDate day) {
      at(day).runJob("CallActivity_ContinueCaf");
      return complete("reviewCafSupport", Map.of("cafReviewNotes", "School nurse and family support worker involved;"
          + " attendance back to normal.", "needsMetByUniversalServices", true));
    }

    private Map<String, Object> decision(String decision) {
      return Map.of("ratificationDecision", decision, "childWishesConsidered", true, "iroConsulted", true,
          "relativesConsulted", true, "carersConsulted", true, "ratificationReasons",
          "RATIFIED".equals(decision) ? "" : "The plan does not yet show how the parent will be supported at night.");
    }

    PastCase complete(String taskKey, Map<String, Object> variables) {
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey(taskKey).singleResult();
      if (task == null) {
        throw new IllegalStateException("Demo history: " + childId + " has no open " + taskKey);
      }
      tasks.complete(task.getId(), variables);
      return this;
    }
  }
}
