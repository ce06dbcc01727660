package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.identity.IdentityDirectory;
import uk.localgov.reunification.oversight.OversightReport.Counts;
import uk.localgov.reunification.oversight.OversightReport.OverdueWork;
import uk.localgov.reunification.oversight.OversightReport.ReturnsToCare;

/**
 * The figures a manager sees, computed from the history of real cases run through the real
 * models on a controlled clock through 2025, for a team of its own ("Team Oversight": social
 * worker swoversight, line manager lmoversight), beside a case of Team South they may not see.
 *
 * <ul>
 *   <li>A: care order, went home 3 March; everything on time; stepped down to universal services on 1 May.</li>
 *   <li>C: care order, went home 1 April; visit and review on time, ratified late, first Child in Need
 *       review late; back in care on 20 June (80 days).</li>
 *   <li>B: care order, went home 1 October; first visit late (10th, due 8th); IRO review due 21 October
 *       still not done on 3 November.</li>
 *   <li>E: planned return the IRO did not support (February).</li>
 *   <li>F: planned return, return plan being written.</li>
 *   <li>S: Team South, went home 1 October, never visited: not Team Oversight's to see.</li>
 * </ul>
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversightFiguresTest {

  static final String TEAM = "teamoversight";
  static final String WORKER = "swoversight";
  static final String MANAGER = "lmoversight";
  static final LocalDate FROM = LocalDate.of(2025, 1, 1);
  static final LocalDate TO = LocalDate.of(2025, 12, 31);

  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService jobs;
  @Autowired
  IdentityService identity;
  @Autowired
  ProcessEngine engine;
  @Autowired
  OversightFigures figures;

  final String run = "OV" + System.nanoTime() % 100000 + "-";
  final String a = run + "A";
  final String b = run + "B";
  final String c = run + "C";
  final String e = run + "E";
  final String f = run + "F";
  final String s = run + "S";

  boolean built;

  /** Before the first test (the coverage recorder needs a test running, so not in a BeforeAll). */
  @BeforeEach
  void itIsMondayTheThirdOfNovember2025() {
    if (!built) {
      built = true;
      a2025HistoryOfTeamOversight();
    }
    ClockUtil.setCurrentTime(at(2025, 11, 3, 12));
  }

  void a2025HistoryOfTeamOversight() {
    IdentityDirectory directory = new IdentityDirectory(engine);
    directory.ensureGroup(TEAM, "Team Oversight", "team");
    directory.ensureUser(WORKER, "Sam", "Oversight", null, WORKER + "-secret");
    directory.ensureUser(MANAGER, "Lee", "Oversight", null, MANAGER + "-secret");
    directory.ensureMembership(WORKER, TEAM);
    directory.ensureMembership(WORKER, "socialworkers");
    directory.ensureMembership(MANAGER, TEAM);
    directory.ensureMembership(MANAGER, "linemanagers");
    try {
      clock(2025, 2, 3);
      runtime.startProcessInstanceByKey("plannedReturn", e, child(e, WORKER));
      complete(e, "completeAssessment", Map.of("assessmentSummary", "Mother not yet able to keep the child safe"));
      complete(e, "compileReturnPlan", Map.of("returnPlan", "Family support worker; school"));
      clock(2025, 2, 10);
      complete(e, "preReturnReview", Map.of("reviewOutcome", "RETURN_NOT_SUPPORTED"));

      clock(2025, 3, 3);
      wentHome(a, WORKER, "2025-03-03");
      clock(2025, 3, 7);
      visited(a);
      clock(2025, 3, 20);
      reviewed(a);
      clock(2025, 3, 24);
      ratified(a);
      supportStarted(a);
      clock(2025, 5, 1);
      complete(a, "supportReview", Map.of("supportOutcome", "STEP_DOWN_TO_UNIVERSAL", "reviewNotes", "Settled"));

      clock(2025, 4, 1);
      wentHome(c, WORKER, "2025-04-01");
      clock(2025, 4, 5);
      visited(c);
      clock(2025, 4, 15);
      reviewed(c);
      clock(2025, 4, 25);
      ratified(c);
      supportStarted(c);
      clock(2025, 6, 10);
      complete(c, "supportReview", Map.of("supportOutcome", "CONTINUE", "reviewNotes", "Rows at home; more support"));
      clock(2025, 6, 20);
      runtime.createMessageCorrelation("ChildReturnedToCare").processInstanceBusinessKey(c).correlate();

      clock(2025, 10, 1);
      wentHome(b, WORKER, "2025-10-01");
      wentHome(s, "socialworker3", "2025-10-01");
      clock(2025, 10, 10);
      visited(b);

      clock(2025, 10, 27);
      runtime.startProcessInstanceByKey("plannedReturn", f, child(f, WORKER));
      complete(f, "completeAssessment", Map.of("assessmentSummary", "Strong wider family; father's new partner"));
    } finally {
      ClockUtil.reset();
    }
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @AfterAll
  void noCaseLeftOpen() {
    for (String child : List.of(b, f, s)) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(child).rootProcessInstances().list()
          .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
    }
  }

  OversightReport asManager(String manager) {
    identity.setAuthentication(manager, List.of("linemanagers"));
    try {
      return figures.report(FROM, TO);
    } finally {
      identity.clearAuthentication();
    }
  }

  Counts timeliness(OversightReport report, Timescale timescale) {
    return report.timeliness().stream().filter(t -> t.timescale() == timescale).findFirst().orElseThrow().overall();
  }

  @Test
  void firstVisitsTwoOnTimeAndOneLate() {
    OversightReport report = asManager(MANAGER);

    assertThat(timeliness(report, Timescale.FIRST_VISIT)).isEqualTo(new Counts(3, 2, 1, 0, 0, 0));
    assertThat(timeliness(report, Timescale.FIRST_VISIT).onTimePercent()).isEqualTo(67);
  }

  @Test
  void twentyDayReviewsTwoOnTimeAndOneOverdueNow() {
    OversightReport report = asManager(MANAGER);

    assertThat(timeliness(report, Timescale.RETURN_REVIEW)).isEqualTo(new Counts(3, 2, 0, 0, 1, 0));
  }

  @Test
  void ratificationsOneOnTimeAndOneLate() {
    assertThat(timeliness(asManager(MANAGER), Timescale.RATIFICATION)).isEqualTo(new Counts(2, 1, 1, 0, 0, 0));
  }

  @Test
  void childInNeedReviewsOneOnTimeOneLateAndTheOneCancelledByTheReturnToCareIsNotCounted() {
    assertThat(timeliness(asManager(MANAGER), Timescale.CIN_REVIEW)).isEqualTo(new Counts(2, 1, 1, 0, 0, 0));
  }

  @Test
  void eachFigureIsAlsoGivenForTheTeam() {
    OversightReport report = asManager(MANAGER);

    for (OversightReport.Timeliness timescale : report.timeliness()) {
      assertThat(timescale.byTeam()).as(timescale.label()).containsOnlyKeys(TEAM)
          .containsEntry(TEAM, timescale.overall());
    }
  }

  @Test
  void theOverdueListNamesTheChildTheWorkThePersonAndTheDays() {
    List<OverdueWork> overdue = asManager(MANAGER).overdue();

    assertThat(overdue).hasSize(1);
    OverdueWork review = overdue.get(0);
    assertThat(review.childId()).isEqualTo(b);
    assertThat(review.task()).isEqualTo("Review after an unplanned return");
    assertThat(review.person()).isEqualTo("iro1");
    assertThat(review.due()).isEqualTo(LocalDate.of(2025, 10, 21));
    assertThat(review.daysOverdue()).isEqualTo(13);
    assertThat(review.team()).isEqualTo(TEAM);
  }

  @Test
  void outcomesOfTheCasesThatEndedInThePeriod() {
    OversightReport.Outcomes outcomes = asManager(MANAGER).outcomes();

    assertThat(outcomes.ended()).isEqualTo(3);
    assertThat(outcomes.byOutcome()).containsExactlyInAnyOrderEntriesOf(Map.of("STEPPED_DOWN_TO_UNIVERSAL", 1,
        "RETURNED_TO_CARE", 1, "RETURN_NOT_SUPPORTED", 1));
  }

  @Test
  void ofThreeChildrenWhoWentHomeOneCameBackIntoCareWithinThreeMonths() {
    OversightReport.Outcomes outcomes = asManager(MANAGER).outcomes();

    assertThat(outcomes.returnedHome()).isEqualTo(3);
    assertThat(outcomes.backInCareSoFar()).isEqualTo(1);
    assertThat(outcomes.returnsToCare()).containsExactly(
        new ReturnsToCare(3, 2, 1, 50),
        new ReturnsToCare(6, 2, 1, 50),
        new ReturnsToCare(12, 0, 0, null));
  }

  @Test
  void theOpenCaseloadByStageTeamAndWorker() {
    OversightReport.Caseload caseload = asManager(MANAGER).caseload();

    assertThat(caseload.open()).isEqualTo(2);
    assertThat(caseload.byStage()).containsExactlyInAnyOrderEntriesOf(Map.of("IRO_REVIEW", 1, "PLANNING", 1));
    assertThat(caseload.byTeam()).containsOnlyKeys(TEAM);
    assertThat(caseload.byWorker()).singleElement().satisfies(worker -> {
      assertThat(worker.worker()).isEqualTo(WORKER);
      assertThat(worker.name()).isEqualTo("Sam Oversight");
      assertThat(worker.open()).isEqualTo(2);
    });
    assertThat(caseload.teamNames()).containsEntry(TEAM, "Team Oversight");
  }

  @Test
  void anotherTeamsManagerSeesNoneOfTheseCasesAndThisManagerNoneOfTheirs() {
    OversightReport south = asManager("linemanager2");
    OversightReport oversight = asManager(MANAGER);

    assertThat(south.overdue()).extracting(OverdueWork::childId).doesNotContain(a, b, c, e, f).contains(s);
    assertThat(south.caseload().byTeam()).doesNotContainKey(TEAM);
    assertThat(oversight.overdue()).extracting(OverdueWork::childId).doesNotContain(s);
    assertThat(oversight.caseload().byTeam()).doesNotContainKey("teamsouth");
  }

  private void wentHome(String childId, String socialWorker, String returnDate) {
    Map<String, Object> variables = child(childId, socialWorker);
    variables.put("returnDate", returnDate);
    variables.put("returnReason", "PLACEMENT_BREAKDOWN");
    runtime.startProcessInstanceByKey("unplannedReturn", childId, variables);
    complete(childId, "completeReturnPlan", Map.of("returnPlan", "Outreach team daily for a week; school"));
  }

  private void visited(String childId) {
    complete(childId, "firstHomeVisit", Map.of("visitDate", ClockUtil.getCurrentTime().toInstant()
            .atZone(CaseCalendar.ENGLAND).toLocalDate().toString(), "childWishesAndFeelings", "Glad to be home",
        "parentView", "Coping", "welfareSafeguarded", true));
  }

  private void reviewed(String childId) {
    complete(childId, "returnReview", Map.of("reviewNotes", "Plan agreed"));
  }

  private void ratified(String childId) {
    complete(childId, "ratifyDecision", Map.of("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
  }

  private void supportStarted(String childId) {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
        jobs.createJobQuery().processInstanceId(instance.getId()).activityId("CallActivity_OngoingSupport").list()
            .forEach(job -> jobs.executeJob(job.getId())));
    complete(childId, "allocateCinCoordinator", Map.of("cinCoordinator", "cincoordinator1"));
  }

  private void complete(String childId, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("%s open for %s", taskKey, childId).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  private static Map<String, Object> child(String childId, String socialWorker) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("childId", childId);
    variables.put("childName", "Oversight Child " + childId);
    variables.put("dateOfBirth", "2014-05-01");
    variables.put("legalStatus", "CARE_ORDER");
    variables.put("weeksAccommodated", 40);
    variables.put("eligibleChild", false);
    variables.put("socialWorker", socialWorker);
    variables.put("iro", "iro1");
    return variables;
  }

  private static void clock(int year, int month, int day) {
    ClockUtil.setCurrentTime(at(year, month, day, 10));
  }

  static Date at(int year, int month, int day, int hour) {
    return Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(CaseCalendar.ENGLAND).toInstant());
  }
}
