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
 *   <li>A: section 20 (as all of them), went home 3 March; everything on time; stepped down to universal services on 1 May.</li>
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
final class TeamHistory {

  static final Date NOW = at(2025, 11, 3, 12);

  final String team;
  final String worker;
  final String manager;
  final String password;
  final String a;
  final String b;
  final String c;
  final String e;
  final String f;
  final String s;
  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService jobs;

  TeamHistory(ProcessEngine engine, String name) {
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
  TeamHistory build() {
    IdentityDirectory directory = new IdentityDirectory(engine);
    directory.ensureGroup(team, "Team " + Character.toUpperCase(team.charAt(4)) + team.substring(5), "team");
    directory.ensureUser(worker, "Sam", "Worker", null, worker + "-secret");
    directory.ensureUser(manager, "Lee", "Manager", null, password);
    directory.ensureMembership(worker, team);
    directory.ensureMembership(worker, "socialworkers");
    directory.ensureMembership(manager, team);
    directory.ensureMembership(manager, "linemanagers");
    try {
      clock(2025, 2, 3);
      runtime.startProcessInstanceByKey("plannedReturn", e, child(e, worker));
      complete(e, "completeAssessment", Map.of("assessmentSummary", "Mother not yet able to keep the child safe"));
      complete(e, "compileReturnPlan", Map.of("returnPlan", "Family support worker; school"));
      clock(2025, 2, 10);
      complete(e, "preReturnReview", Map.of("reviewOutcome", "RETURN_NOT_SUPPORTED"));

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

  /** Closes the cases still open, so that no later test finds them. */
  void close() {
    for (String child : List.of(b, f, s)) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(child).rootProcessInstances().list()
          .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test over"));
    }
  }

  void wentHome(String childId, String socialWorker, String returnDate) {
    Map<String, Object> variables = child(childId, socialWorker);
    variables.put("returnDate", returnDate);
    variables.put("returnReason", "PLACEMENT_BREAKDOWN");
    runtime.startProcessInstanceByKey("unplannedReturn", childId, variables);
    complete(childId, "completeReturnPlan", Map.of("returnPlan", "Outreach team daily for a week; school"));
  }

  void visited(String childId) {
    complete(childId, "firstHomeVisit", Map.of("visitDate", ClockUtil.getCurrentTime().toInstant()
            .atZone(CaseCalendar.ENGLAND).toLocalDate().toString(), "childWishesAndFeelings", "Glad to be home",
        "parentView", "Coping", "welfareSafeguarded", true));
  }

  void reviewed(String childId) {
    complete(childId, "returnReview", Map.of("reviewNotes", "Plan agreed"));
  }

  void ratified(String childId) {
    complete(childId, "ratifyDecision", Map.of("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
  }

  void supportStarted(String childId) {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).list().forEach(instance ->
        jobs.createJobQuery().processInstanceId(instance.getId()).activityId("CallActivity_OngoingSupport").list()
            .forEach(job -> jobs.executeJob(job.getId())));
    complete(childId, "allocateCinCoordinator", Map.of("cinCoordinator", "cincoordinator1"));
  }

  void complete(String childId, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("%s open for %s", taskKey, childId).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  static Map<String, Object> child(String childId, String socialWorker) {
    // accommodated under section 20 for 30 weeks: Salford's timescales, with no court order's visits beside them
    return Cases.with(Cases.careOrderChild(childId), "socialWorker", socialWorker, "legalStatus", "SECTION_20");
  }

  static void clock(int year, int month, int day) {
    ClockUtil.setCurrentTime(at(year, month, day, 10));
  }

  static Date at(int year, int month, int day, int hour) {
    return Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(CaseCalendar.ENGLAND).toInstant());
  }
}
