package uk.localgov.reunification.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.api.Refused;
import org.springframework.transaction.annotation.Transactional;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.casework.ActiveCases;
import uk.localgov.reunification.casework.ActiveCases.ActiveCase;
import uk.localgov.reunification.casework.CaseRecord;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.identity.Roles;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * Moves a case to another social worker or IRO, a daily fact of casework: the case's variables,
 * its open tasks and who may see it all follow the new person; the person who held it loses it;
 * {@code allocationHistory} keeps who held the case, and when, and who moved it. Only the line
 * manager of the case's team or an administrator may reallocate.
 */
@Service
public class Reallocation {

  /** The roles a case can be reallocated in, and the group each must belong to. */
  public static final Map<String, String> ROLES = Map.of("socialWorker", Roles.SOCIAL_WORKERS, "iro", Roles.IROS);
  static final String ALLOCATION_HISTORY = "allocationHistory";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final StaffDirectory staff;
  private final CaseAccess access;
  private final UnrestrictedLookups lookups;
  private final CaseCalendar calendar;
  private final ActiveCases cases;

  public Reallocation(RuntimeService runtime, TaskService tasks, StaffDirectory staff,
      CaseAccess access, UnrestrictedLookups lookups, CaseCalendar calendar, ActiveCases cases) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.staff = staff;
    this.access = access;
    this.lookups = lookups;
    this.calendar = calendar;
    this.cases = cases;
  }

  /** The child's active case (in this authority, where one is named), or 404. */
  ActiveCase activeCase(String childId, String authority) {
    return cases.of(childId, authority).orElseThrow(() -> new Refused(404, "No active case for child '" + childId + "'"));
  }

  /**
   * Who holds the case now, and who held it before.
   *
   * @param authority the child's authority, where the reference names a child in more than one
   *     that the viewer may see (an administrator's); {@code null} otherwise
   */
  public Map<String, Object> allocation(String childId, String authority, String viewer, List<String> viewerGroups) {
    ActiveCase active = activeCase(childId, authority);
    CaseRecord record = active.record();
    if (!mayView(viewer, viewerGroups, record)) {
      throw new Refused(404, "No active case for child '" + childId + "'");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("childId", childId);
    answer.put("socialWorker", record.socialWorker());
    answer.put("iro", record.iro());
    answer.put("team", record.team());
    answer.put("cinCoordinator", record.cinCoordinator());
    Object past = lookups.read(() -> runtime.getVariable(active.processInstanceId(), ALLOCATION_HISTORY));
    answer.put("allocationHistory", past == null ? List.of() : Spin.JSON(past.toString()).mapTo(List.class));
    return answer;
  }

  @Transactional
  public Map<String, Object> reallocate(String childId, String authority, String role, String newHolder, String by,
      List<String> byGroups) {
    String group = ROLES.get(role);
    if (group == null) {
      throw new Refused(400, "'role' must be one of " + String.join(", ", ROLES.keySet().stream().sorted().toList())
          + " (was '" + role + "')");
    }
    ActiveCase active = activeCase(childId, authority);
    CaseRecord record = active.record();
    if (!mayView(by, byGroups, record)) {
      throw new Refused(404, "No active case for child '" + childId + "'");
    }
    if (!byGroups.contains(Roles.ADMINISTRATORS) && !by.equals(lineManager(record))) {
      throw new Refused(403, "Only the line manager of the case's team or an administrator may reallocate it");
    }
    if (newHolder == null || !staff.isMember(newHolder, group)) {
      throw new Refused(400, "'" + role + "' must be a member of " + group + " (was '" + newHolder + "')");
    }
    if (active.authority() != null && !staff.worksFor(newHolder, active.authority())) {
      throw new Refused(400, "'" + role + "' must be one of the staff of the child's authority " + active.authority()
          + " (was '" + newHolder + "')");
    }
    String previous = record.holder(role);
    if (newHolder.equals(previous)) {
      throw new Refused(400, "'" + role + "' is already '" + newHolder + "'");
    }
    String team = "socialWorker".equals(role) ? staff.teamOf(newHolder).orElseThrow(() -> new Refused(400,
        "'socialWorker' '" + newHolder + "' is in no team, so no line manager could oversee the case")) : record.team();
    if (active.authority() == null) {
      return move(childId, active, role, previous, newHolder, team, by, byGroups);
    }
    // every change below is to this child's case: the same reference in another authority is another child
    return lookups.readWithin(active.authority(), () -> move(childId, active, role, previous, newHolder, team, by, byGroups));
  }

  private Map<String, Object> move(String childId, ActiveCase active, String role, String previous, String newHolder,
      String team, String by, List<String> byGroups) {
    Set<String> before = access.people(active.record());
    lookups.read(() -> {
      for (ProcessInstance each : runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId).active().list()) {
        if (runtime.getVariable(each.getId(), role) != null) {
          runtime.setVariable(each.getId(), role, newHolder);
          runtime.setVariable(each.getId(), "team", team);
        }
      }
      runtime.setVariable(active.processInstanceId(), ALLOCATION_HISTORY, appended(
          runtime.getVariable(active.processInstanceId(), ALLOCATION_HISTORY), role, previous, newHolder, by));
      tasks.createTaskQuery().processInstanceBusinessKey(childId).taskAssignee(previous).list()
          .forEach(task -> tasks.setAssignee(task.getId(), newHolder));
      return null;
    });
    Set<String> people = access.people(activeCase(childId, active.authority()).record());
    before.stream().filter(person -> !people.contains(person)).forEach(person -> access.withdraw(childId, person));
    access.shareAll(childId, people);
    return allocation(childId, active.authority(), by, byGroups);
  }

  private boolean mayView(String user, List<String> groups, CaseRecord record) {
    return groups.contains(Roles.ADMINISTRATORS) || access.people(record).contains(user);
  }

  private String lineManager(CaseRecord record) {
    try {
      return staff.lineManagerOf(record.socialWorker(), record.team());
    } catch (RuntimeException none) {
      return null;
    }
  }

  private SpinJsonNode appended(Object past, String role, String from, String to, String by) {
    List<Object> entries = new ArrayList<>();
    if (past != null) {
      entries.addAll(Spin.JSON(past.toString()).mapTo(List.class));
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("role", role);
    entry.put("from", from);
    entry.put("to", to);
    entry.put("by", by);
    entry.put("on", calendar.todayAsText());
    entries.add(entry);
    return Spin.JSON(entries);
  }
}
