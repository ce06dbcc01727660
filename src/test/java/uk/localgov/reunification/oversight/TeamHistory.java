package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.casework.Cases;
import uk.localgov.reunification.identity.IdentityDirectory;

/**
 * A team of its own and a year of its cases, run through the real models on a controlled clock
 * through 2025, with a case of Team South beside them that the team's manager may not see.
 *
 * <ul>
 *   <li>A: section 20 (as all of them), went home 3 March; everything on time; stepped down to universal
 *       services on 1 May, closure signed off on 2 May; at home at the 3-month check-in on 4 August; back in
 *       care on 1 September (4 months after the step-down, within 6 months of going home).</li>
 *   <li>C: went home 1 April; visit and review on time, ratified late, first Child in Need
 *       review late; back in care on 20 June (80 days).</li>
 *   <li>B: went home 1 October; first visit late (17th, due 15th); IRO review due 21 October
 *       still not done on 3 November.</li>
 *   <li>E: planned return the IRO did not support (February).</li>
 *   <li>F: planned return, return plan being written.</li>
 *   <li>S: Team South (socialworker3), went home 1 October, never visited.</li>
 * </ul>
 * Seen on Monday 3 November 2025 ({@link #NOW}).
 */
public final class TeamHistory {

  public static final Date NOW = at(2025, 11, 3, 12);

  public final String team;
  public final String worker;
  public final String manager;
  public final String password;
  public final String a;
  public final String b;
  public final String c;
  public final String e;
  public final String f;
  public final String s;
  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService jobs;

  public TeamHistory(ProcessEngine engine, String name) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.jobs = engine.getManagementService();
    this.team = "team" + name;
    this.worker = "sw" + name;
    this.manager = "lm" + name;
    this.password = manager + "-secret";
    String run = name.toUpperCase() + System.nanoTime() % 100000 + "-";
    a = run + "A";
    b = run + "B";
    c = run + "C";
    e = run + "E";
    f = run + "F";
    s = run + "S";
  }

  /** The team's people, then its cases. */
  public TeamHistory build() {
    people();
    try {
      clock(2025, 2, 3);
      runtime.startProcessInstanceByKey("plannedReturn", e, child(e, worker));
      complete(e, "completeAssessment", Map.of("assessmentSummary", "Mother not yet able to keep the child safe"));
      complete(e, "compileReturnPlan", Map.of("returnPlan", "Family support worker; school"));
      clock(2025, 2, 10);
      complete(e, "preReturnReview", Map.of("reviewOutcome", "RETURN_NOT_SUPPORTED",
          "reviewReasons", "The risks found at assessment are not yet reduced"));

      clock(2025, 3, 3);
      wentHome(a, worker, "2025-03-03");
      clock(2025, 3, 7);
      visited(a);
      clock(2025, 3, 20);
      reviewed(a);
      clock(2025, 3, 24);
      ratified(a);
      supportStarted(a);
      clock(2025, 5, 1);
      complete(a, "supportReview", Map.of("supportOutcome", "STEP_DOWN_TO_UNIVERSAL", "reviewNotes", "Settled"));
      clock(2025, 5, 2);
      closed(a);

      clock(2025, 4, 1);
      wentHome(c, worker, "2025-04-01");
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

      clock(2025, 8, 4);
      checkInDue(a);
      complete(a, "confirmChildAtHome", Map.of("childStillAtHome", true, "checkInNotes", "School says all well"));
      clock(2025, 9, 1);
      runtime.createMessageCorrelation("ChildReturnedToCare").processInstanceBusinessKey(a).correlate();

      clock(2025, 10, 1);
      wentHome(b, worker, "2025-10-01");
      wentHome(s, "socialworker3", "2025-10-01");
      clock(2025, 10, 17);
      visited(b);

      clock(2025, 10, 27);
      runtime.startProcessInstanceByKey("plannedReturn", f, child(f, worker));
      complete(f, "completeAssessment", Map.of("assessmentSummary", "Strong wider family; father's new partner"));
    } finally {
      ClockUtil.reset();
    }
    return this;
  }

  /** The team, its social worker and its line manager, with no cases. */
  public TeamHistory people() {
    IdentityDirectory directory = new IdentityDirectory(engine);
    directory.ensureGroup(team, "Team " + Character.toUpperCase(team.charAt(4)) + team.substring(5), "team");
    directory.ensureUser(worker, "Sam", "Worker", null, worker + "-secret");
    directory.ensureUser(manager, "Lee", "Manager", null, password);
    directory.ensureMembership(worker, team);
    directory.ensureMembership(worker, "socialworkers");
    directory.ensureMembership(manager, team);
    directory.ensureMembership(manager, "linemanagers");
    return this;
  }

  /** Closes the cases still open, so that no later test finds them. */
  public void close() {
    for (String child : List.of(b, f, s)) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(child).rootProcessInstances().list()
          .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
    }
  }

  public void wentHome(String childId, String socialWorker, String returnDate) {
    Map<String, Object> variables = child(childId, socialWorker);
    variables.put("returnDate", returnDate);
    variables.put("returnReason", "PLACEMENT_BREAKDOWN");
    runtime.startProcessInstanceByKey("unplannedReturn", childId, variables);
    complete(childId, "completeReturnPlan", Map.of("returnPlan", "Outreach team daily for a week; school"));
  }

  public void visited(String childId) {
    complete(childId, "firstHomeVisit", Map.of("visitDate", ClockUtil.getCurrentTime().toInstant()
            .atZone(CaseCalendar.ENGLAND).toLocalDate().toString(), "childWishesAndFeelings", "Glad to be home",
        "parentView", "Coping", "welfareSafeguarded", true, "childSeenAlone", true));
  }

  public void reviewed(String childId) {
    complete(childId, "returnReview", Map.of("reviewNotes", "Plan agreed"));
  }

  public void ratified(String childId) {
    complete(childId, "ratifyDecision", Map.of("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
  }

  public void supportStarted(String childId) {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
        jobs.createJobQuery().processInstanceId(instance.getId()).activityId("CallActivity_OngoingSupport").list()
            .forEach(job -> jobs.executeJob(job.getId())));
    complete(childId, "allocateCinCoordinator", Map.of("cinCoordinator", "cincoordinator1"));
  }

  /** Reg 39(2): the closure recorded with the child's view and signed off the same day; the follow-up begins. */
  public void closed(String childId) {
    runAsync(childId, "CallActivity_CloseCase");
    complete(childId, "recordCaseClosure", Map.of("closingSummary", "Settled; universal services in place",
        "childViewOnClosure", "Glad the visits are ending"));
    complete(childId, "signOffClosure", Map.of("closureSignedOff", true, "signOffNotes", "Agreed"));
    runAsync(childId, "ServiceTask_BeginFollowUp");
  }

  /** The follow-up's next check-in opens, its timer run as the job executor would once it is due. */
  public void checkInDue(String childId) {
    runtime.createProcessInstanceQuery().processDefinitionKey("caseFollowUp").processInstanceBusinessKey(childId).list()
        .forEach(followUp -> jobs.createJobQuery().processInstanceId(followUp.getId()).activityId("Timer_CheckInDue")
            .list().forEach(job -> {
              assertThat(job.getDuedate()).as("the check-in is due").isBeforeOrEqualTo(ClockUtil.getCurrentTime());
              jobs.executeJob(job.getId());
            }));
  }

  public void runAsync(String childId, String activityId) {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
        jobs.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list()
            .forEach(job -> jobs.executeJob(job.getId())));
  }

  public void complete(String childId, String taskKey, Map<String, Object> variables) {
    uk.localgov.reunification.CaseWork.complete(tasks, childId, taskKey, variables);
  }

  public static Map<String, Object> child(String childId, String socialWorker) {
    // accommodated under section 20 for 30 weeks: Salford's timescales, with no court order's visits beside them
    // born 2019: a child (under 18, Children Act 1989 s105(1)) on every clock these histories use, 2025 to 2034
    return Cases.with(Cases.careOrderChild(childId), "socialWorker", socialWorker, "legalStatus", "SECTION_20",
        "dateOfBirth", "2019-03-14");
  }

  public static void clock(int year, int month, int day) {
    ClockUtil.setCurrentTime(at(year, month, day, 10));
  }

  public static Date at(int year, int month, int day, int hour) {
    return Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(CaseCalendar.ENGLAND).toInstant());
  }
}
