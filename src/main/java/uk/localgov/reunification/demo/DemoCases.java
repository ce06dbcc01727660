package uk.localgov.reunification.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.authority.Authorities;
import uk.localgov.reunification.authority.AuthoritiesProperties;
import uk.localgov.reunification.authority.CaseAuthority;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.casework.CaseRecord;

/**
 * About ten fictional children at different stages of a return home, so that each demo login
 * finds work in Tasklist and Cockpit has something to show. Created once, on a database that has
 * no demo case yet; every name is invented.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "reunification.demo.cases", havingValue = "true")
public class DemoCases implements ApplicationRunner {

  static final String PREFIX = "DEMO-";
  private static final Logger LOG = LoggerFactory.getLogger(DemoCases.class);

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final CaseCalendar calendar;
  private final ManagementService jobs;
  private final DemoHistory past;
  private final Authorities authorities;

  public DemoCases(RuntimeService runtime, TaskService tasks, HistoryService history, CaseCalendar calendar,
      ManagementService jobs, DemoHistory past, Authorities authorities) {
    this.authorities = authorities;
    this.jobs = jobs;
    this.past = past;
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
    this.calendar = calendar;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(PREFIX + "%").count() > 0) {
      return;
    }
    LocalDate today = calendar.today();
    String home = authorities.home().map(AuthoritiesProperties.Authority::id).orElse(null);
    CaseAuthority.startingFor(home, () -> {
      past.create(today);
      homeCases(today);
      return null;
    });
    if (authorities.shared() && authorities.isAuthority(DemoIdentities.SOUTHVALE)) {
      CaseAuthority.startingFor(DemoIdentities.SOUTHVALE, () -> {
        southvaleCases(today);
        return null;
      });
    }
  }

  /** Southvale's children: its own people, and its own local policy (authorities/southvale/) in their timescales. */
  private void southvaleCases(LocalDate today) {
    // home twelve days, supported: the Child in Need review falls due on Southvale's 4-weekly interval
    unplanned("3001", "Grace Holt", "2014-05-05", "SECTION_20", 24, "sv.socialworker1", "sv.iro1",
        today.minusDays(12), "PLACEMENT_BREAKDOWN").urgentPlanWritten().irosReviewHeld().ratification("RATIFIED")
        .visited().supportStarted().coordinatorAllocated("sv.cincoordinator1");
    // home yesterday: the first home visit is due on Southvale's own first-visit rule
    unplanned("3002", "Oliver Penn", "2011-10-10", "CARE_ORDER", 60, "sv.socialworker1", "sv.iro1",
        today.minusDays(1), "PLACEMENT_BREAKDOWN");
    LOG.info("Demo cases created for Southvale: {}3001 and {}3002", PREFIX, PREFIX);
  }

  private void homeCases(LocalDate today) {

    child("1001", "Amelia Hart", "2016-04-12", "SECTION_20", 20, "socialworker1", "iro1");
    child("1002", "Noah Clarke", "2012-09-30", "CARE_ORDER", 64, "socialworker2", "iro1").assessed().planned();
    child("1003", "Isla Morgan", "2018-01-22", "SECTION_20", 15, "socialworker3", "iro2")
        .assessed("FAMILY_SUBSTANCE_MISUSE", "FAMILY_LACK_OF_SOCIAL_SUPPORT").planned();
    child("1004", "Leo Turner", "2011-07-05", "INTERIM_CARE_ORDER", 9, "socialworker1", "iro2")
        .assessed().planned().reviewed("REVISE_PLAN");
    child("1005", "Freya Walsh", "2014-11-18", "CARE_ORDER", 40, "socialworker2", "iro1")
        .assessed("CARE_PREVIOUS_FAILED_RETURN", "CHILD_AGED_10_OR_OVER").planned().reviewed("PROCEED");
    child("1006", "Oscar Price", "2013-03-03", "SECTION_20", 30, "socialworker3", "iro2")
        .assessed().planned().reviewed("PROCEED").ratification("MORE_INFORMATION");
    child("1007", "Ruby Ellis", "2017-05-27", "SECTION_20", 26, "socialworker1", "iro1")
        .assessed().planned().reviewed("PROCEED").ratification("RATIFIED");
    childOpenedAMonthAgo("1008", "Harry Shaw", "2015-12-01", "CARE_ORDER", 52, "socialworker2", "iro2")
        .assessed().planned().reviewed("PROCEED").ratification("RATIFIED").backToToday().returnedHome(today.minusDays(3));
    childOpenedAMonthAgo("1009", "Evie Knight", "2010-08-14", "SECTION_20", 18, "socialworker3", "iro1")
        .assessed().planned().reviewed("PROCEED").ratification("RATIFIED").backToToday().returnedHome(today.minusDays(20));
    childOpenedAMonthAgo("1010", "Jacob Reed", "2012-02-09", "SECTION_20", 14, "socialworker3", "iro2")
        .assessed().planned().reviewed("PROCEED").ratification("RATIFIED").backToToday().returnedHome(today.minusDays(5))
        .concernRaised("School reports Jacob arrived hungry three days running and would not say why.");
    unplanned("1013", "Ava Collins", "2013-08-08", "SECTION_20", 20, "socialworker1", "iro1",
        today.minusDays(2), "PARENT_REMOVED_FROM_SECTION_20");
    unplanned("1014", "Ethan Rhodes", "2009-04-19", "CARE_ORDER", 90, "socialworker3", "iro2",
        today.minusDays(25), "PLACEMENT_BREAKDOWN").urgentPlanWritten();
    childOpenedAMonthAgo("1015", "Lily Dawson", "2014-02-02", "CARE_ORDER", 45, "socialworker2", "iro1")
        .assessed().planned().reviewed("PROCEED").ratification("RATIFIED").backToToday().returnedHome(today.minusDays(4))
        .visited().supportStarted().coordinatorAllocated();
    child("1011", "Mia Fletcher", "2016-10-10", "SECTION_20", 8, "socialworker1", "iro2")
        .assessed().planned().reviewed("RETURN_NOT_SUPPORTED");
    child("1012", "Theo Barnes", "2013-06-21", "CARE_ORDER", 70, "socialworker2", "iro1")
        .assessed().planned().reviewed("PROCEED").ratification("NOT_RATIFIED");
    // Salford §6–§7: home without a plan, and the return not ratified: the service managers decide the next steps
    unplanned("1016", "Sophie Grant", "2012-12-12", "CARE_ORDER", 40, "socialworker1", "iro1",
        today.minusDays(12), "PLACEMENT_BREAKDOWN").urgentPlanWritten().irosReviewHeld().ratification("NOT_RATIFIED");
    // Salford §4: a welfare concern whose review asked for the plan to be revised
    unplanned("1017", "Max Carter", "2011-05-05", "CARE_ORDER", 60, "socialworker1", "iro2",
        today.minusDays(6), "PLACEMENT_BREAKDOWN").urgentPlanWritten()
        .concernRaised("Neighbour reports Max out alone late at night twice this week.")
        .concernReviewed("REVISE_PLAN", "Plan needs an evening routine and who supervises Max after 6pm.");
    // reg 39(5): a 16-year-old who left section 20 care; the Director of Children's Services approves
    unplanned("1018", "Kai Bell", today.minusYears(16).minusMonths(3).toString(), "SECTION_20", 40, "socialworker2", "iro1",
        today.minusDays(8), "YOUNG_PERSON_LEFT").urgentPlanWritten().irosReviewHeld();
    // reg 19 and 28(4): home under an interim care order without a plan; visited weekly until the first review
    unplanned("1019", "Zara Quinn", "2015-09-09", "INTERIM_CARE_ORDER", 12, "socialworker1", "iro2",
        today.minusDays(3), "PLACEMENT_BREAKDOWN").visited();
    // reg 39(2): support stepped down; the social worker records the closure and the child's view
    unplanned("1020", "Finn Avery", "2012-03-14", "SECTION_20", 30, "socialworker1", "iro1",
        today.minusDays(40), "PLACEMENT_BREAKDOWN").urgentPlanWritten().irosReviewHeld().ratification("RATIFIED")
        .visited().supportStarted().coordinatorAllocated().steppedDown();
    // Wiltshire §3: Charlie (2004) came back into care a year ago and is going home again; the factor is known
    unplanned("2004", "Charlie Dean", "2013-06-15", "SECTION_20", 50, "socialworker1", "iro2",
        today.minusDays(1), "PLACEMENT_BREAKDOWN");
    LOG.info("Demo cases created: {}1001 to {}1020 open, {}2001 to {}2009 from the last two years ({}2004 home again)",
        PREFIX, PREFIX, PREFIX, PREFIX, PREFIX);
  }

  /** A case that has gone home: its planning and ratification happened before the return (Salford §7). */
  private DemoCase childOpenedAMonthAgo(String number, String name, String dateOfBirth, String legalStatus, int weeks,
      String socialWorker, String iro) {
    ClockUtil.setCurrentTime(Date.from(calendar.today().minusDays(30).atTime(10, 0).atZone(CaseCalendar.ENGLAND)
        .toInstant()));
    return child(number, name, dateOfBirth, legalStatus, weeks, socialWorker, iro);
  }

  private DemoCase child(String number, String name, String dateOfBirth, String legalStatus, int weeks,
      String socialWorker, String iro) {
    return open("plannedReturn", facts(number, name, dateOfBirth, legalStatus, weeks, socialWorker, iro));
  }

  private DemoCase unplanned(String number, String name, String dateOfBirth, String legalStatus, int weeks,
      String socialWorker, String iro, LocalDate returnDate, String reason) {
    Map<String, Object> variables = facts(number, name, dateOfBirth, legalStatus, weeks, socialWorker, iro);
    variables.put("returnDate", returnDate.toString());
    variables.put("returnReason", reason);
    return open("unplannedReturn", variables);
  }

  private static Map<String, Object> facts(String number, String name, String dateOfBirth, String legalStatus,
      int weeks, String socialWorker, String iro) {
    return CaseRecord.child(PREFIX + number, name, dateOfBirth, legalStatus, weeks, false, socialWorker, iro)
        .startVariables();
  }

  private DemoCase open(String processKey, Map<String, Object> variables) {
    String childId = (String) variables.get("childId");
    runtime.startProcessInstanceByKey(processKey, childId, variables);
    return new DemoCase(childId, ((String) variables.get("childName")).split(" ")[0]);
  }

  /** One child's case, walked forward through Tasklist's steps. */
  private final class DemoCase {
    private final String childId;
    private final String firstName;
    private final List<String> factors = new ArrayList<>();

    DemoCase(String childId, String firstName) {
      this.childId = childId;
      this.firstName = firstName;
    }

    /** Wiltshire §3: the research factors the assessment found, by their codes in the decision table. */
    DemoCase assessed(String... factorCodes) {
      factors.addAll(List.of(factorCodes));
      return complete("completeAssessment", Map.of("assessmentSummary", firstName
          + "'s mother has completed a parenting course and the home is settled; strengths in the wider family;"
          + " older sibling is anxious about the change.",
          "factorsPresent", Spin.JSON(factors), "protectiveFactors", Spin.JSON(List.of("PROTECTIVE_INFORMAL_SUPPORT"))));
    }

    /** Wiltshire §6: the plan answers every factor the assessment found. */
    DemoCase planned() {
      Map<String, String> responses = new HashMap<>();
      factors.forEach(code -> responses.put(code, "Named in the plan: specialist service and a review of it at each visit."));
      return complete("compileReturnPlan", Map.of("returnPlan",
          "Family support worker twice weekly for six weeks; school nurse check-in; Children's Centre Triple P;"
              + " family group conference before the return.", "factorResponses", Spin.JSON(responses)));
    }

    DemoCase reviewed(String outcome) {
      return complete("preReturnReview", Map.of("reviewOutcome", outcome, "reviewReasons", switch (outcome) {
        case "PROCEED" -> "The plan answers each research factor with named support; " + firstName
            + " and the parent want the return, and the school and health visitor were heard.";
        case "REVISE_PLAN" -> "The plan does not yet say who supports the parent in the evenings; revise it and"
            + " bring it back.";
        default -> "The risks the assessment found are not yet reduced enough for " + firstName + " to go home.";
      }));
    }

    DemoCase ratification(String decision) {
      return complete("ratifyDecision", Map.of("ratificationDecision", decision, "childWishesConsidered", true,
          "iroConsulted", !"MORE_INFORMATION".equals(decision), "relativesConsulted", true, "carersConsulted", true,
          "ratificationReasons", switch (decision) {
            case "MORE_INFORMATION" -> "The IRO's view is not on the file yet: send it, and say who will support the"
                + " parent at weekends.";
            case "NOT_RATIFIED" -> "The plan leaves the evenings without support, which the assessment names as the"
                + " time of most risk.";
            default -> "";
          }));
    }

    DemoCase backToToday() {
      ClockUtil.reset();
      return this;
    }

    DemoCase returnedHome(LocalDate returnDate) {
      return complete("confirmReturnHome", Map.of("returnDate", returnDate.toString()));
    }

    DemoCase irosReviewHeld() {
      return complete("returnReview", Map.of("reviewNotes", "The plan holds for now; the family group conference must"
          + " name who collects " + firstName + " from school."));
    }

    /** Salford §4: the line manager reviews the child's open concern and decides what it changes in the case. */
    DemoCase concernReviewed(String outcome, String notes) {
      complete("reviewWelfareConcern", Map.of("concernOutcome", outcome, "escalateToServiceManager", false,
          "managerNotes", notes));
      return runJob("ServiceTask_AskForPlanRevision");
    }

    DemoCase urgentPlanWritten() {
      return complete("completeReturnPlan", Map.of("returnPlan", "Outreach team visits daily for the first week;"
          + " school informed; family group conference within a fortnight."));
    }

    DemoCase visited() {
      return complete("firstHomeVisit", Map.of("visitDate", calendar.todayAsText(),
          "childWishesAndFeelings", firstName + " is glad to be home and wants to stay.",
          "parentView", "Routines are settling; the younger sibling is clingy.", "welfareSafeguarded", true,
          "childSeenAlone", true));
    }

    DemoCase supportStarted() {
      return runJob("CallActivity_OngoingSupport");
    }

    DemoCase steppedDown() {
      return complete("supportReview", Map.of("supportOutcome", "STEP_DOWN_TO_UNIVERSAL", "reviewNotes",
          firstName + " is settled; school and the health visitor carry on; no further need of Child in Need support."))
          .runJob("CallActivity_CloseCase");
    }

    DemoCase coordinatorAllocated() {
      return coordinatorAllocated("cincoordinator1");
    }

    DemoCase coordinatorAllocated(String coordinator) {
      return complete("allocateCinCoordinator", Map.of("cinCoordinator", coordinator));
    }

    /** As the case-record system would: the WelfareConcernRaised message with the child's reference. */
    DemoCase concernRaised(String details) {
      runtime.createMessageCorrelation("WelfareConcernRaised").processInstanceBusinessKey(childId)
          .setVariable("concernDetails", details).correlate();
      return runJob("ServiceTask_OpenRaisedConcern");
    }

    /** Runs at once what the job executor would run a moment later, so the demo is ready on start-up. */
    private DemoCase runJob(String activityId) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
          jobs.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list()
              .forEach(job -> jobs.executeJob(job.getId())));
      return this;
    }

    private DemoCase complete(String taskKey, Map<String, Object> variables) {
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey(taskKey)
          .singleResult();
      tasks.complete(task.getId(), variables);
      return this;
    }
  }
}
