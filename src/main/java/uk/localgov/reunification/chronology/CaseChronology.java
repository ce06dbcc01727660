package uk.localgov.reunification.chronology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.api.Refused;
import uk.localgov.reunification.casework.CaseTask;
import uk.localgov.reunification.casework.ReturnStartCheck;
import uk.localgov.reunification.casework.Stage;
import uk.localgov.reunification.engine.CallersReads;
import uk.localgov.reunification.followup.EarlierReturns;
import uk.localgov.reunification.wording.CaseWords;

/**
 * A child's case seen whole, oldest first (Wiltshire §3: the chronology and history inform every
 * decision): every process of the case and what started and ended it, every step done with who did
 * it and what it recorded, every case event reported, every reallocation, and the work open now with
 * its due date. Read through the engine's own authorizations of the caller: a person sees the case
 * only where its grants let them, and values only where they may read them.
 */
@Service
public class CaseChronology {

  /** One thing that happened to the case, or work open on it. */
  public record Entry(String at, String what, String by, String taskKey, Map<String, Object> values, String due) {
  }

  static final String OPEN = "Open: ";

  /** A step's values are written in the same command as its completion. */
  static final long SAME_COMMAND_MILLIS = 2_000;

  /** What is recorded about people: their user ids, named on the Case tab. */
  private static final Set<String> PEOPLE = Set.of("socialWorker", "iro", "cinCoordinator", "from", "to", "by", "userId");

  private final HistoryService history;
  private final CallersReads asCaller;
  private final CaseWords words;

  public CaseChronology(HistoryService history, CallersReads asCaller, CaseWords words) {
    this.history = history;
    this.asCaller = asCaller;
    this.words = words;
  }

  public Map<String, Object> of(String childId) {
    // one child's case, read whole: inside a command, as the query limit allows (CallersReads)
    List<HistoricProcessInstance> processes = asCaller.read(() -> history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(childId).list());
    if (processes.isEmpty()) {
      throw new Refused(404, "No case for child '" + childId + "'");
    }
    String[] ids = processes.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    Map<String, List<HistoricVariableUpdate>> updates = new HashMap<>();
    asCaller.read(() -> history.createHistoricDetailQuery().processInstanceIdIn(ids).variableUpdates().list()).stream()
        .map(HistoricVariableUpdate.class::cast)
        .forEach(update -> updates.computeIfAbsent(update.getProcessInstanceId(), id -> new ArrayList<>()).add(update));

    List<Entry> entries = new ArrayList<>();
    for (HistoricProcessInstance process : processes) {
      processEntries(process, updates.getOrDefault(process.getId(), List.of()), entries);
    }
    List<HistoricTaskInstance> tasks = asCaller.read(() -> history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(childId).list());
    Set<String> taskActivities = tasks.stream().map(HistoricTaskInstance::getActivityInstanceId)
        .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
    for (HistoricTaskInstance task : tasks) {
      String label = CaseTask.labelOf(task.getTaskDefinitionKey());
      if (task.getEndTime() == null) {
        entries.add(new Entry(iso(task.getStartTime()), OPEN + label, task.getAssignee(), task.getTaskDefinitionKey(),
            Map.of(), task.getDueDate() == null ? null : iso(task.getDueDate())));
      } else if ("completed".equals(task.getDeleteReason())) {
        entries.add(new Entry(iso(task.getEndTime()), label, task.getAssignee(), task.getTaskDefinitionKey(),
            recorded(task, updates.getOrDefault(task.getProcessInstanceId(), List.of()), taskActivities), null));
      }
    }
    entries.sort(Comparator.comparing(Entry::at));
    Map<String, Object> chronology = new LinkedHashMap<>();
    chronology.put("childId", childId);
    updates.values().stream().flatMap(List::stream).filter(update -> "childName".equals(update.getVariableName()))
        .max(Comparator.comparing(HistoricDetail::getTime))
        .ifPresent(name -> chronology.put("childName", plain(name.getValue())));
    chronology.put("stage", Stage.of(entries.stream().filter(entry -> entry.what().startsWith(OPEN))
        .map(Entry::taskKey).filter(java.util.Objects::nonNull).toList()).label());
    chronology.put("factors", factors(processes, updates));
    chronology.put("entries", entries);
    Set<String> people = new HashSet<>();
    entries.forEach(entry -> {
      people.add(entry.by());
      entry.values().forEach((name, value) -> {
        if (PEOPLE.contains(name) && value instanceof String id) {
          people.add(id);
        }
      });
    });
    chronology.put("words", words.of(entries.stream().map(Entry::values).toList(), people));
    return chronology;
  }

  /**
   * Wiltshire §3, §6: each research factor present in the child's latest return, the support it
   * calls for and the plan's response, as the return last weighed them.
   */
  @SuppressWarnings("unchecked")
  private static List<Object> factors(List<HistoricProcessInstance> processes, Map<String, List<HistoricVariableUpdate>> updates) {
    return processes.stream().filter(process -> ReturnStartCheck.RETURN_PROCESSES.contains(process.getProcessDefinitionKey()))
        .max(Comparator.comparing(HistoricProcessInstance::getStartTime))
        .flatMap(latest -> latest(updates.getOrDefault(latest.getId(), List.of()), "factorAssessment"))
        .map(assessment -> (List<Object>) Spin.JSON(assessment.toString()).mapTo(List.class)).orElse(List.of());
  }

  private void processEntries(HistoricProcessInstance process, List<HistoricVariableUpdate> updates, List<Entry> entries) {
    String name = process.getProcessDefinitionName() == null ? process.getProcessDefinitionKey()
        : process.getProcessDefinitionName();
    if ("reportCaseEvent".equals(process.getProcessDefinitionKey())) {
      Map<String, Object> values = new LinkedHashMap<>();
      latest(updates, "caseEvent").ifPresent(value -> values.put("caseEvent", value));
      latest(updates, "eventDetails").ifPresent(value -> values.put("eventDetails", value));
      entries.add(new Entry(iso(process.getStartTime()), "Case event reported: " + values.getOrDefault("caseEvent", "?"),
          process.getStartUserId(), null, values, null));
      return;
    }
    // the life at home begins with the return, in the same moment: the return's start says it
    if (!uk.localgov.reunification.casework.CaseAtHome.PROCESS.equals(process.getProcessDefinitionKey())) {
      entries.add(new Entry(iso(process.getStartTime()), name + " started", process.getStartUserId(), null, Map.of(), null));
    }
    // Wiltshire §3: an earlier return that failed, known at the start, links the earlier case
    latest(updates, CaseTask.EARLIER_FAILED_RETURNS).ifPresent(earlier -> EarlierReturns.recorded(earlier).forEach(failed ->
        entries.add(new Entry(iso(process.getStartTime()), "Earlier return home ended with the child back in care on "
            + failed.get("backInCareOn") + " (" + failed.get("when") + "): case " + failed.get("caseId"), null, null,
            new LinkedHashMap<>(failed), null))));
    if (process.getEndTime() != null) {
      Object outcome = latest(updates, "outcome").orElse(null);
      Map<String, Object> values = new LinkedHashMap<>();
      if (outcome != null) {
        values.put("outcome", outcome);
      }
      latest(updates, "returnedToCareOn").ifPresent(day -> values.put("returnedToCareOn", day));
      entries.add(new Entry(iso(process.getEndTime()), name + " ended" + (outcome == null ? "" : ": " + outcome), null,
          null, values, null));
    }
    // each write of allocationHistory adds the reallocation it records, at the moment it was made
    updates.stream().filter(update -> "allocationHistory".equals(update.getVariableName()) && update.getValue() != null)
        .forEach(update -> reallocation(update, entries));
  }

  @SuppressWarnings("unchecked")
  private static void reallocation(HistoricVariableUpdate update, List<Entry> entries) {
    List<Object> held = Spin.JSON(update.getValue().toString()).mapTo(List.class);
    if (held.isEmpty()) {
      return;
    }
    Map<String, Object> moved = (Map<String, Object>) held.get(held.size() - 1);
    entries.add(new Entry(iso(update.getTime()), "Reallocated " + moved.get("role") + " from " + moved.get("from")
        + " to " + moved.get("to"), (String) moved.get("by"), null, new LinkedHashMap<>(moved), null));
  }

  /**
   * What the task's completion wrote of the variables it records: the updates of the same moment,
   * but not those of another task's own fields (a repeated visit opens with blank fields of its own
   * in the command that records the last one), in the order they were written.
   */
  private static Map<String, Object> recorded(HistoricTaskInstance task, List<HistoricVariableUpdate> updates,
      Set<String> taskActivities) {
    Set<String> names = CaseTask.of(task.getTaskDefinitionKey()).map(CaseTask::recordedNames).orElse(Set.of());
    Map<String, Object> values = new LinkedHashMap<>();
    long ended = task.getEndTime().getTime();
    updates.stream().filter(update -> names.contains(update.getVariableName()))
        .filter(update -> Math.abs(update.getTime().getTime() - ended) <= SAME_COMMAND_MILLIS)
        .filter(update -> task.getActivityInstanceId() == null || task.getActivityInstanceId().equals(update.getActivityInstanceId())
            || !taskActivities.contains(update.getActivityInstanceId()))
        .sorted(Comparator.comparing(HistoricDetail::getTime).thenComparing(CaseChronology::sequence))
        .forEach(update -> values.put(update.getVariableName(), plain(update.getValue())));
    // an optional field left empty recorded nothing (a form opens each repeated step's fields blank)
    values.values().removeIf(value -> value instanceof String text && text.isBlank());
    return values;
  }

  /** The engine's count of a case's variable events, which orders updates written in the same millisecond. */
  private static long sequence(HistoricDetail update) {
    return update instanceof org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity event
        ? event.getSequenceCounter() : 0;
  }

  private static java.util.Optional<Object> latest(List<HistoricVariableUpdate> updates, String name) {
    return updates.stream().filter(update -> name.equals(update.getVariableName()))
        .max(Comparator.comparing(HistoricDetail::getTime)).map(update -> plain(update.getValue()));
  }

  private static Object plain(Object value) {
    return value instanceof org.camunda.spin.json.SpinJsonNode json ? json.toString() : value;
  }

  private static String iso(Date date) {
    return date.toInstant().toString();
  }
}
