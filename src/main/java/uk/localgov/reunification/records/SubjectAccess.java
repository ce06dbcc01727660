package uk.localgov.reunification.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.api.Refused;
import uk.localgov.reunification.casework.CaseTask;
import uk.localgov.reunification.chronology.CaseChronology;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * Everything the application holds about a child, for a subject access request (UK GDPR art. 15,
 * answered within a month): every process of every case under the child's reference, each with
 * every value it recorded and when, its steps and who did them, its decisions, when the record
 * goes (reg 50), the chronology, and who read the case ({@link ReadLog}). Built for administrators.
 */
@Service
public class SubjectAccess {

  private final HistoryService history;
  private final CaseChronology chronology;
  private final ReadLog reads;
  private final RecordRetention retention;
  private final UnrestrictedLookups lookups;

  public SubjectAccess(HistoryService history, CaseChronology chronology, ReadLog reads, RecordRetention retention,
      UnrestrictedLookups lookups) {
    this.history = history;
    this.chronology = chronology;
    this.reads = reads;
    this.retention = retention;
    this.lookups = lookups;
  }

  public Map<String, Object> recordOf(String childId, String requestedBy) {
    return recordOf(childId, requestedBy, null);
  }

  /**
   * {@code authority}: where several authorities share the platform and the reference names a child
   * in more than one, whose record it is; each authority is the data controller for its own children.
   */
  public Map<String, Object> recordOf(String childId, String requestedBy, String authority) {
    if (authority != null) {
      return lookups.readWithin(authority, () -> recordOfOne(childId, requestedBy, authority));
    }
    List<String> authorities = lookups.read(() -> history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(childId).list()).stream().map(HistoricProcessInstance::getTenantId)
        .filter(java.util.Objects::nonNull).distinct().sorted().toList();
    if (authorities.size() > 1) {
      throw new Refused(400, "'authority': '" + childId + "' is the reference of a child in each of " + String.join(", ",
          authorities) + "; say whose record is asked for (?authority=)");
    }
    return recordOfOne(childId, requestedBy, authorities.isEmpty() ? null : authorities.get(0));
  }

  private Map<String, Object> recordOfOne(String childId, String requestedBy, String authority) {
    List<HistoricProcessInstance> processes = lookups.read(() -> history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(childId).orderByProcessInstanceStartTime().asc().list());
    if (processes.isEmpty()) {
      throw new Refused(404, "No record of child '" + childId + "'");
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("childId", childId);
    record.put("generatedAt", iso(ClockUtil.getCurrentTime()));
    record.put("generatedBy", requestedBy);
    record.put("keptUntil", retention.removalTimeOf(childId).map(SubjectAccess::iso).orElse(null));
    record.put("keptUnder", "reg 50(1) of the Care Planning, Placement and Case Review (England) Regulations 2010: until"
        + " the seventy-fifth anniversary of the child's birth");
    List<Object> cases = new ArrayList<>();
    for (HistoricProcessInstance process : processes) {
      cases.add(process(process));
    }
    record.put("processes", cases);
    record.put("chronology", chronology.of(childId).get("entries"));
    record.put("authority", authority);
    record.put("reads", reads.of(childId, authority));
    return record;
  }

  private Map<String, Object> process(HistoricProcessInstance process) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("processInstanceId", process.getId());
    entry.put("process", process.getProcessDefinitionKey());
    entry.put("name", process.getProcessDefinitionName());
    entry.put("calledBy", process.getSuperProcessInstanceId());
    entry.put("startedBy", process.getStartUserId());
    entry.put("started", iso(process.getStartTime()));
    entry.put("ended", iso(process.getEndTime()));
    entry.put("state", process.getState());
    entry.put("removalTime", iso(process.getRemovalTime()));
    List<Object> steps = new ArrayList<>();
    lookups.read(() -> history.createHistoricTaskInstanceQuery().processInstanceId(process.getId())
        .orderByHistoricActivityInstanceStartTime().asc().list()).forEach(task -> steps.add(step(task)));
    entry.put("steps", steps);
    List<Object> values = new ArrayList<>();
    lookups.read(() -> history.createHistoricDetailQuery().processInstanceId(process.getId()).variableUpdates().list())
        .stream().sorted(Comparator.comparing(HistoricDetail::getTime)).map(HistoricVariableUpdate.class::cast)
        .forEach(update -> values.add(value(update)));
    entry.put("values", values);
    List<Object> decisions = new ArrayList<>();
    lookups.read(() -> history.createHistoricDecisionInstanceQuery().processInstanceId(process.getId()).includeInputs()
        .includeOutputs().list()).forEach(decision -> decisions.add(decision(decision)));
    entry.put("decisions", decisions);
    return entry;
  }

  private static Map<String, Object> step(HistoricTaskInstance task) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("taskKey", task.getTaskDefinitionKey());
    step.put("label", CaseTask.labelOf(task.getTaskDefinitionKey()));
    step.put("assignee", task.getAssignee());
    step.put("created", iso(task.getStartTime()));
    step.put("due", iso(task.getDueDate()));
    step.put("ended", iso(task.getEndTime()));
    step.put("how", task.getDeleteReason());
    return step;
  }

  private static Map<String, Object> value(HistoricVariableUpdate update) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", update.getVariableName());
    Object recorded = update.getValue();
    value.put("value", recorded instanceof org.camunda.spin.json.SpinJsonNode json ? json.toString()
        : recorded instanceof Date date ? iso(date) : recorded);
    value.put("at", iso(update.getTime()));
    return value;
  }

  private static Map<String, Object> decision(HistoricDecisionInstance decision) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("decision", decision.getDecisionDefinitionKey());
    entry.put("at", iso(decision.getEvaluationTime()));
    Map<String, Object> inputs = new LinkedHashMap<>();
    decision.getInputs().forEach(input -> inputs.put(input.getClauseName() == null ? input.getClauseId() : input.getClauseName(),
        input.getValue()));
    entry.put("inputs", inputs);
    List<Object> outputs = new ArrayList<>();
    decision.getOutputs().forEach(output -> outputs.add(Map.of("name", String.valueOf(output.getVariableName()),
        "value", String.valueOf(output.getValue()))));
    entry.put("outputs", outputs);
    return entry;
  }

  static String iso(Date date) {
    return date == null ? null : date.toInstant().toString();
  }
}
