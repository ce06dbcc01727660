package uk.localgov.reunification.oversight;

import static uk.localgov.reunification.casework.CaseCalendar.ENGLAND;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.NativeHistoricTaskInstanceQuery;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.access.GrantedInstances;
import uk.localgov.reunification.casework.CaseRecord;
import uk.localgov.reunification.casework.Stage;
import uk.localgov.reunification.engine.CallersReads;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.followup.CaseFollowUps;
import uk.localgov.reunification.oversight.OversightReport.AfterClosure;
import uk.localgov.reunification.oversight.OversightReport.Caseload;
import uk.localgov.reunification.oversight.OversightReport.Counts;
import uk.localgov.reunification.oversight.OversightReport.Outcomes;
import uk.localgov.reunification.oversight.OversightReport.OverdueWork;
import uk.localgov.reunification.oversight.OversightReport.ReturnsToCare;
import uk.localgov.reunification.oversight.OversightReport.Timeliness;
import uk.localgov.reunification.oversight.OversightReport.WorkerCaseload;

/**
 * The figures of {@link OversightReport}, computed from Camunda's history. Which cases count is
 * decided by the caller's own authorizations: the processes of a case they may read, open now or
 * ended since shortly before the period, found from their grants ({@link GrantedInstances}). The
 * rest is read for those cases only, a thousand at a time and without repeating the authorization
 * checks row by row (which is what made the figures slow on a large history): the cases' few
 * variables and their tasks, from which come the timescale work due in the period, the work open
 * now and the check-ins. The counting is done here, not in the database, because "on time"
 * compares two columns of a row, which Camunda's query API cannot express.
 */
@Service
public class OversightFigures {

  static final String[] RETURN_PROCESSES = {"plannedReturn", "unplannedReturn"};
  static final String[] CASE_PROCESSES = {"plannedReturn", "unplannedReturn", "childAtHome", "ratification", "ongoingSupport",
      "planRevision", "caseClosure", "cafSupport", CaseFollowUps.PROCESS};
  static final String CHECK_IN = "confirmChildAtHome";
  static final String SUSTAINED_AT_HOME = "SUSTAINED_AT_HOME";
  /** A task is due at most 84 days after it is created (the longest Child in Need review interval). */
  static final int LONGEST_DUE_AFTER_END_IN_DAYS = 90;
  static final String RETURNED_TO_CARE = "RETURNED_TO_CARE";
  static final int[] RETURN_WINDOWS_IN_MONTHS = {3, 6, 12};
  /** Of each case: the facts of its record the figures need, and how it ended. */
  private static final String[] CASE_VARIABLES = {"childId", "childName", "team", "socialWorker", "returnDate", "outcome",
      "closedCase", "closedOn", "returnedToCareOn"};
  private static final int IDS_PER_QUERY = 1000;

  private final HistoryService history;
  private final IdentityService identity;
  private final UnrestrictedLookups lookups;
  private final CallersReads asCaller;
  private final GrantedInstances grantedInstances;
  private final ManagementService management;

  public OversightFigures(HistoryService history, IdentityService identity, UnrestrictedLookups lookups,
      CallersReads asCaller, GrantedInstances grantedInstances, ManagementService management) {
    this.history = history;
    this.management = management;
    this.identity = identity;
    this.lookups = lookups;
    this.asCaller = asCaller;
    this.grantedInstances = grantedInstances;
  }

  /** The processes that make up a child's case, whose instances the figures count. */
  public static String[] caseProcesses() {
    return CASE_PROCESSES.clone();
  }

  /** A child's return and what its variables say, whichever process it was. */
  private static final class CaseFacts {
    final String id;
    final Date ended;
    final Map<String, Object> variables = new HashMap<>();
    /** The year after the case closed with the child at home, once it began. */
    FollowUpFacts followUp;

    CaseFacts(String id, Date ended) {
      this.id = id;
      this.ended = ended;
    }

    String text(String name) {
      Object value = variables.get(name);
      return value == null ? null : value.toString();
    }

    private CaseRecord record;

    CaseRecord record() {
      if (record == null) {
        record = CaseRecord.of(variables);
      }
      return record;
    }

    String team() {
      String team = record().team();
      return team == null ? "unknown" : team;
    }

    LocalDate returnDate() {
      String date = record().returnDate();
      return date == null ? null : LocalDate.parse(date);
    }

    /** The day the child was looked after again: the case ended so, or its follow-up year did. */
    LocalDate backInCare() {
      if (ended != null && RETURNED_TO_CARE.equals(text("outcome"))) {
        return day(ended);
      }
      return followUp == null ? null : followUp.backInCare();
    }
  }

  /** A closed case's year of follow-up ({@code caseFollowUp}) and how it ended. */
  private static final class FollowUpFacts {
    final String id;
    final Date ended;
    final Map<String, Object> variables = new HashMap<>();

    FollowUpFacts(String id, Date ended) {
      this.id = id;
      this.ended = ended;
    }

    String outcome() {
      return ended == null ? null : (String) variables.get("outcome");
    }

    LocalDate closedOn() {
      Object closed = variables.get("closedOn");
      return closed == null ? null : LocalDate.parse(closed.toString());
    }

    LocalDate backInCare() {
      Object back = variables.get("returnedToCareOn");
      return RETURNED_TO_CARE.equals(outcome()) && back != null ? LocalDate.parse(back.toString()) : null;
    }
  }

  /** The figures for the period from {@code from} to {@code to}, both days included. */
  public OversightReport report(LocalDate from, LocalDate to) {
    return report(from, to, this::visibleSince);
  }

  /**
   * The figures of every case of one authority (of all cases, when one authority runs the
   * platform), whoever asks: for the region's figures, which name no child ({@link RegionalOversight}).
   * Runs within {@link UnrestrictedLookups#readAcrossAuthorities}.
   */
  OversightReport reportOfAuthority(LocalDate from, LocalDate to, String authority) {
    return report(from, to, since -> {
      Map<String, HistoricProcessInstance> all = new HashMap<>();
      HistoricProcessInstanceQuery open = history.createHistoricProcessInstanceQuery().processDefinitionKeyIn(CASE_PROCESSES)
          .unfinished();
      HistoricProcessInstanceQuery ended = history.createHistoricProcessInstanceQuery()
          .processDefinitionKeyIn(CASE_PROCESSES).finishedAfter(since);
      if (authority != null) {
        open.tenantIdIn(authority);
        ended.tenantIdIn(authority);
      }
      open.list().forEach(instance -> all.put(instance.getId(), instance));
      ended.list().forEach(instance -> all.put(instance.getId(), instance));
      return all;
    });
  }

  private OversightReport report(LocalDate from, LocalDate to,
      java.util.function.Function<Date, Map<String, HistoricProcessInstance>> casesSince) {
    Date now = ClockUtil.getCurrentTime();
    LocalDate today = day(now);
    Date periodStart = Date.from(from.atStartOfDay(ENGLAND).toInstant());
    Date periodEnd = Date.from(to.plusDays(1).atStartOfDay(ENGLAND).toInstant());

    Date since = Date.from(from.minusDays(LONGEST_DUE_AFTER_END_IN_DAYS).atStartOfDay(ENGLAND).toInstant());
    // every case the caller may see, however many: inside a command, as the query limit allows
    Map<String, HistoricProcessInstance> visible = casesSince.apply(since);
    Map<String, FollowUpFacts> followUps = new HashMap<>();
    Map<String, CaseFacts> cases = lookups.read(() -> caseFacts(visible, followUps));
    // the work of these children's cases, read once; each figure takes its part
    List<HistoricTaskInstance> tasks = lookups.read(() -> tasksOf(visible));
    List<HistoricTaskInstance> checkIns = tasks.stream().filter(task -> CHECK_IN.equals(task.getTaskDefinitionKey())
        && followUps.containsKey(task.getProcessInstanceId())).toList();
    Set<String> timescaleTasks = Set.of(Timescale.taskKeys());
    List<HistoricTaskInstance> dueInPeriod = tasks.stream().filter(task -> timescaleTasks.contains(task.getTaskDefinitionKey())
        && task.getDueDate() != null && task.getDueDate().after(periodStart) && task.getDueDate().before(periodEnd)).toList();
    Set<String> stageTasks = Set.of(Stage.taskKeys());
    List<HistoricTaskInstance> openWork = tasks.stream().filter(task -> task.getEndTime() == null
        && stageTasks.contains(task.getTaskDefinitionKey())).toList();
    Set<String> teams = new HashSet<>();
    cases.values().forEach(c -> teams.add(c.team()));
    Map<String, String> teamNames = teamNames(teams);
    List<OverdueWork> overdue = overdue(openWork, cases, now, today);
    Set<String> people = new HashSet<>();
    overdue.forEach(work -> people.add(work.person()));
    cases.values().stream().filter(c -> c.ended == null).forEach(c -> people.add(c.record().socialWorker()));
    Map<String, String> names = names(people);

    return new OversightReport(new OversightReport.Period(from, to), now.toInstant().toString(),
        timeliness(dueInPeriod, cases, now),
        overdue.stream().map(work -> new OverdueWork(work.childId(), work.childName(), work.caseInstanceId(), work.task(),
            work.timescale(), work.person(), names.getOrDefault(work.person(), work.person()), work.team(),
            teamNames.getOrDefault(work.team(), work.team()), work.due(), work.daysOverdue())).toList(),
        outcomes(cases.values(), followUps.values(), checkIns, periodStart, periodEnd, from, to, today),
        caseload(cases, openWork, names, teamNames), null);
  }

  /**
   * The caller's part: every process of a case (the return, its ratification and support) open now
   * or ended since {@code since} that the caller may read. Those granted to the caller one by one
   * are read by their ids; only a caller who may read more ({@link GrantedInstances}) has the
   * engine check its whole history, with the caller's authorizations. (The engine's check of a
   * thousand instances at a time compares each with every grant of the caller: seconds for a
   * line manager of a few thousand cases.)
   */
  private Map<String, HistoricProcessInstance> visibleSince(Date since) {
    // one read as the caller's, whichever way it is found: the read log records what it returns
    return asCaller.read(() -> {
      Map<String, HistoricProcessInstance> visible = new HashMap<>();
      Optional<Set<String>> granted = grantedInstances.ofCaller(CASE_PROCESSES);
      if (granted.isPresent()) {
        lookups.read(() -> {
          for (List<String> chunk : chunks(new ArrayList<>(granted.get()))) {
            history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk))
                .processDefinitionKeyIn(CASE_PROCESSES).list().stream()
                .filter(instance -> instance.getEndTime() == null || !instance.getEndTime().before(since))
                .forEach(instance -> visible.put(instance.getId(), instance));
          }
          return null;
        });
        return visible;
      }
      history.createHistoricProcessInstanceQuery().processDefinitionKeyIn(CASE_PROCESSES).unfinished().list()
          .forEach(instance -> visible.put(instance.getId(), instance));
      history.createHistoricProcessInstanceQuery().processDefinitionKeyIn(CASE_PROCESSES).finishedAfter(since).list()
          .forEach(instance -> visible.put(instance.getId(), instance));
      return visible;
    });
  }

  /**
   * Every task of the visible processes, a thousand processes at a time, by the index on the
   * task's process instance: a native query, as Camunda's task query can take only one process
   * instance, and by case reference it joins every task to its instance (a second for a line
   * manager's cases).
   */
  private List<HistoricTaskInstance> tasksOf(Map<String, HistoricProcessInstance> visible) {
    String table = management.getTableName(HistoricTaskInstance.class);
    List<HistoricTaskInstance> tasks = new ArrayList<>();
    for (List<String> chunk : chunks(new ArrayList<>(visible.keySet()))) {
      StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table).append(" WHERE PROC_INST_ID_ IN (");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("#{p").append(i).append('}');
      }
      NativeHistoricTaskInstanceQuery query = history.createNativeHistoricTaskInstanceQuery().sql(sql.append(')').toString());
      for (int i = 0; i < chunk.size(); i++) {
        query.parameter("p" + i, chunk.get(i));
      }
      tasks.addAll(query.list());
    }
    return tasks;
  }

  /**
   * The returns the visible processes belong to, with their variables, read without authorization
   * checks: the caller may read these cases already (the grants are per case).
   */
  private Map<String, CaseFacts> caseFacts(Map<String, HistoricProcessInstance> visible,
      Map<String, FollowUpFacts> followUps) {
    Map<String, CaseFacts> cases = new HashMap<>();
    Set<String> rootsNotVisible = new HashSet<>();
    for (HistoricProcessInstance instance : visible.values()) {
      String root = instance.getRootProcessInstanceId();
      if (CaseFollowUps.PROCESS.equals(instance.getProcessDefinitionKey())) {
        followUps.put(instance.getId(), new FollowUpFacts(instance.getId(), instance.getEndTime()));
      } else if (root == null || root.equals(instance.getId())) {
        addCase(cases, instance);
      } else if (!visible.containsKey(root)) {
        rootsNotVisible.add(root);
      }
    }
    for (List<String> chunk : chunks(new ArrayList<>(rootsNotVisible))) {
      history.createHistoricProcessInstanceQuery().processInstanceIds(new HashSet<>(chunk)).list()
          .forEach(instance -> addCase(cases, instance));
    }
    List<String> ids = new ArrayList<>(cases.keySet());
    ids.addAll(followUps.keySet());
    List<HistoricVariableInstance> variables = new ArrayList<>();
    for (List<String> chunk : chunks(ids)) {
      variables.addAll(history.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk.toArray(String[]::new))
          .variableNameIn(CASE_VARIABLES).disableBinaryFetching().disableCustomObjectDeserialization().list());
    }
    for (HistoricVariableInstance variable : variables) {
      if (variable.getValue() == null) {
        continue;
      }
      CaseFacts facts = cases.get(variable.getProcessInstanceId());
      if (facts != null) {
        facts.variables.put(variable.getName(), variable.getValue());
      }
      FollowUpFacts followUp = followUps.get(variable.getProcessInstanceId());
      if (followUp != null) {
        followUp.variables.put(variable.getName(), variable.getValue());
      }
    }
    followUps.values().forEach(followUp -> {
      CaseFacts closed = cases.get(followUp.variables.get("closedCase"));
      if (closed != null) {
        closed.followUp = followUp;
      }
    });
    return cases;
  }

  private static void addCase(Map<String, CaseFacts> cases, HistoricProcessInstance instance) {
    if (List.of(RETURN_PROCESSES).contains(instance.getProcessDefinitionKey())) {
      CaseFacts facts = new CaseFacts(instance.getId(), instance.getEndTime());
      facts.variables.put("childId", instance.getBusinessKey());
      cases.put(instance.getId(), facts);
    }
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
    }
    return chunks;
  }

  private static List<Timeliness> timeliness(List<HistoricTaskInstance> dueInPeriod, Map<String, CaseFacts> cases,
      Date now) {
    List<Timeliness> figures = new ArrayList<>();
    for (Timescale timescale : Timescale.values()) {
      Counts overall = Counts.NONE;
      Map<String, Counts> byTeam = new TreeMap<>();
      for (HistoricTaskInstance task : dueInPeriod) {
        if (!task.getTaskDefinitionKey().equals(timescale.taskKey())) {
          continue;
        }
        Counts counted = count(task, now);
        if (counted == Counts.NONE) {
          continue;
        }
        CaseFacts facts = cases.get(task.getRootProcessInstanceId());
        String team = facts == null ? "unknown" : facts.team();
        overall = overall.plus(counted);
        byTeam.merge(team, counted, Counts::plus);
      }
      figures.add(new Timeliness(timescale, timescale.label(), timescale.rule(), overall, byTeam));
    }
    return figures;
  }

  /** One task as a count of one, in the column it belongs to; {@link Counts#NONE} if never owed. */
  static Counts count(HistoricTaskInstance task, Date now) {
    Date due = task.getDueDate();
    Date ended = task.getEndTime();
    if (ended == null) {
      return due.before(now) ? new Counts(1, 0, 0, 0, 1, 0) : new Counts(1, 0, 0, 0, 0, 1);
    }
    if ("completed".equals(task.getDeleteReason())) {
      return ended.after(due) ? new Counts(1, 0, 1, 0, 0, 0) : new Counts(1, 1, 0, 0, 0, 0);
    }
    return ended.after(due) ? new Counts(1, 0, 0, 1, 0, 0) : Counts.NONE;
  }

  private static List<OverdueWork> overdue(List<HistoricTaskInstance> openWork, Map<String, CaseFacts> cases,
      Date now, LocalDate today) {
    List<OverdueWork> overdue = new ArrayList<>();
    for (HistoricTaskInstance task : openWork) {
      Timescale timescale = Timescale.ofTask(task.getTaskDefinitionKey()).orElse(null);
      if (timescale == null || task.getDueDate() == null || !task.getDueDate().before(now)) {
        continue;
      }
      CaseFacts facts = cases.get(task.getRootProcessInstanceId());
      LocalDate due = day(task.getDueDate());
      overdue.add(new OverdueWork(facts == null ? null : facts.record().childId(),
          facts == null ? null : facts.record().childName(), task.getRootProcessInstanceId(), timescale.label(),
          timescale.name(), task.getAssignee(), null, facts == null ? "unknown" : facts.team(), null, due,
          ChronoUnit.DAYS.between(due, today)));
    }
    overdue.sort(Comparator.comparingLong(OverdueWork::daysOverdue).reversed()
        .thenComparing(OverdueWork::childId, Comparator.nullsLast(Comparator.naturalOrder())));
    return overdue;
  }

  private static Outcomes outcomes(Collection<CaseFacts> cases, Collection<FollowUpFacts> followUps,
      List<HistoricTaskInstance> checkIns, Date periodStart, Date periodEnd, LocalDate from, LocalDate to,
      LocalDate today) {
    Map<String, Integer> byOutcome = new TreeMap<>();
    int ended = 0;
    int returnedHome = 0;
    int backSoFar = 0;
    int[] followedUp = new int[RETURN_WINDOWS_IN_MONTHS.length];
    int[] backWithin = new int[RETURN_WINDOWS_IN_MONTHS.length];
    int backInPeriod = 0;
    for (CaseFacts facts : cases) {
      LocalDate back = facts.backInCare();
      if (back != null && !back.isBefore(from) && !back.isAfter(to)) {
        backInPeriod++;
      }
      if (facts.ended != null && !facts.ended.before(periodStart) && facts.ended.before(periodEnd)) {
        ended++;
        byOutcome.merge(facts.text("outcome") == null ? "NONE_RECORDED" : facts.text("outcome"), 1, Integer::sum);
      }
      LocalDate home = facts.returnDate();
      if (home == null || home.isBefore(from) || home.isAfter(to) || home.isAfter(today)) {
        continue;
      }
      returnedHome++;
      LocalDate backInCare = facts.backInCare();
      if (backInCare != null) {
        backSoFar++;
      }
      for (int i = 0; i < RETURN_WINDOWS_IN_MONTHS.length; i++) {
        LocalDate windowEnd = home.plusMonths(RETURN_WINDOWS_IN_MONTHS[i]);
        if (!windowEnd.isAfter(today)) {
          followedUp[i]++;
          if (backInCare != null && !backInCare.isAfter(windowEnd)) {
            backWithin[i]++;
          }
        }
      }
    }
    List<ReturnsToCare> windows = new ArrayList<>();
    for (int i = 0; i < RETURN_WINDOWS_IN_MONTHS.length; i++) {
      windows.add(new ReturnsToCare(RETURN_WINDOWS_IN_MONTHS[i], followedUp[i], backWithin[i],
          followedUp[i] == 0 ? null : Math.round(100f * backWithin[i] / followedUp[i])));
    }
    return new Outcomes(ended, byOutcome, returnedHome, backSoFar, windows, backInPeriod,
        (int) followUps.stream().filter(followUp -> SUSTAINED_AT_HOME.equals(followUp.outcome())
            && !followUp.ended.before(periodStart) && followUp.ended.before(periodEnd)).count(),
        afterClosure(followUps, checkIns, periodStart, periodEnd, from, to));
  }

  private static AfterClosure afterClosure(Collection<FollowUpFacts> followUps, List<HistoricTaskInstance> checkIns,
      Date periodStart, Date periodEnd, LocalDate from, LocalDate to) {
    int closed = 0;
    int backInCare = 0;
    int sustained = 0;
    for (FollowUpFacts followUp : followUps) {
      LocalDate closedOn = followUp.closedOn();
      if (closedOn == null || closedOn.isBefore(from) || closedOn.isAfter(to)) {
        continue;
      }
      closed++;
      if (RETURNED_TO_CARE.equals(followUp.outcome())) {
        backInCare++;
      } else if (SUSTAINED_AT_HOME.equals(followUp.outcome())) {
        sustained++;
      }
    }
    int inFollowUp = (int) followUps.stream().filter(followUp -> followUp.ended == null).count();
    int done = (int) checkIns.stream().filter(task -> "completed".equals(task.getDeleteReason())
        && !task.getEndTime().before(periodStart) && task.getEndTime().before(periodEnd)).count();
    int open = (int) checkIns.stream().filter(task -> task.getEndTime() == null).count();
    return new AfterClosure(closed, inFollowUp, backInCare, sustained, done, open);
  }

  private static Caseload caseload(Map<String, CaseFacts> cases, List<HistoricTaskInstance> openWork,
      Map<String, String> names, Map<String, String> teamNames) {
    Map<String, Set<String>> openTasksByCase = new HashMap<>();
    openWork.forEach(task -> openTasksByCase.computeIfAbsent(task.getRootProcessInstanceId(), id -> new HashSet<>())
        .add(task.getTaskDefinitionKey()));
    Map<String, Integer> byStage = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> byTeam = new TreeMap<>();
    Map<String, WorkerCaseload> byWorker = new TreeMap<>();
    int open = 0;
    for (CaseFacts facts : cases.values()) {
      if (facts.ended != null) {
        continue;
      }
      open++;
      String stage = Stage.of(openTasksByCase.getOrDefault(facts.id, Set.of())).name();
      byStage.merge(stage, 1, Integer::sum);
      byTeam.computeIfAbsent(facts.team(), team -> new TreeMap<>()).merge(stage, 1, Integer::sum);
      String worker = facts.record().socialWorker() == null ? "unknown" : facts.record().socialWorker();
      WorkerCaseload load = byWorker.computeIfAbsent(worker, w -> new WorkerCaseload(w, names.getOrDefault(w, w),
          facts.team(), 0, new TreeMap<>()));
      load.byStage().merge(stage, 1, Integer::sum);
      byWorker.put(worker, new WorkerCaseload(load.worker(), load.name(), load.team(), load.open() + 1, load.byStage()));
    }
    Map<String, String> stageLabels = new LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      stageLabels.put(stage.name(), stage.label());
    }
    return new Caseload(open, byStage, byTeam, new ArrayList<>(byWorker.values()), stageLabels, teamNames);
  }

  private Map<String, String> teamNames(Set<String> teams) {
    List<Group> groups = lookups.read(() -> identity.createGroupQuery().groupIdIn(teams.toArray(String[]::new)).list());
    Map<String, String> names = new TreeMap<>();
    teams.forEach(team -> names.put(team, team));
    groups.forEach(group -> names.put(group.getId(), group.getName() == null ? group.getId() : group.getName()));
    return names;
  }

  private Map<String, String> names(Set<String> people) {
    people.remove(null);
    if (people.isEmpty()) {
      return Map.of();
    }
    List<User> users = lookups.read(() -> identity.createUserQuery().userIdIn(people.toArray(String[]::new)).list());
    return users.stream().collect(Collectors.toMap(User::getId,
        user -> (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).trim(), (a, b) -> a));
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  static LocalDate day(Date date) {
    return date.toInstant().atZone(ENGLAND).toLocalDate();
  }

}
