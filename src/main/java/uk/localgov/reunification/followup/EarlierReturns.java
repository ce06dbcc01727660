package uk.localgov.reunification.followup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.access.CaseAccess;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.casework.CaseInputRefused;
import uk.localgov.reunification.casework.CaseRecord;
import uk.localgov.reunification.casework.CaseTask;
import uk.localgov.reunification.casework.ReturnStartCheck;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * What a new return knows of the child's earlier ones, on its start (after
 * {@code returnStartCheck}), as {@code ${earlierReturns}}. Wiltshire §3 counts "previous
 * unsuccessful attempts at reunification" among the factors that make a return less likely to
 * last: an earlier case that ended with the child back in care, while open or in its follow-up
 * year, ticks {@code CARE_PREVIOUS_FAILED_RETURN} and is named in {@code earlierFailedReturns}, and
 * the new case's people may read the earlier case (the chronology shows it). A child still followed
 * up after a closed case is at home, so a new return home is refused until the return to care is
 * recorded.
 */
@Component("earlierReturns")
public class EarlierReturns implements ExecutionListener {

  private final HistoryService history;
  private final CaseFollowUps followUps;
  private final CaseAccess access;
  private final CaseCalendar calendar;
  private final UnrestrictedLookups lookups;

  public EarlierReturns(HistoryService history, CaseFollowUps followUps, CaseAccess access, CaseCalendar calendar,
      UnrestrictedLookups lookups) {
    this.history = history;
    this.followUps = followUps;
    this.access = access;
    this.calendar = calendar;
    this.lookups = lookups;
  }

  @Override
  public void notify(DelegateExecution execution) {
    CaseRecord record = CaseRecord.of(execution);
    String childId = record.childId();
    followUps.of(childId).ifPresent(followUp -> {
      throw new CaseInputRefused("childId", "'" + childId + "' went home when their last case closed on "
          + followUp.closedOn() + " and is followed up until " + followUp.lastDay() + ": report the return to care"
          + " (ChildReturnedToCare) before a new return home");
    });
    List<Map<String, Object>> failed = failedReturnsOf(childId);
    if (failed.isEmpty()) {
      return;
    }
    execution.setVariable(CaseTask.EARLIER_FAILED_RETURNS, Spin.JSON(failed));
    execution.setVariable("factorsPresent", Spin.JSON(List.of(CaseTask.PREVIOUS_FAILED_RETURN)));
    access.shareAll(childId, access.people(record));
  }

  /** The child's earlier returns that ended with the child back in care, oldest first. */
  List<Map<String, Object>> failedReturnsOf(String childId) {
    return lookups.read(() -> {
      List<HistoricProcessInstance> ended = history.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(childId).finished().list();
      Map<String, HistoricProcessInstance> returns = new LinkedHashMap<>();
      List<HistoricProcessInstance> followUpsEnded = new ArrayList<>();
      for (HistoricProcessInstance instance : ended) {
        if (ReturnStartCheck.RETURN_PROCESSES.contains(instance.getProcessDefinitionKey())) {
          returns.put(instance.getId(), instance);
        } else if (CaseFollowUps.PROCESS.equals(instance.getProcessDefinitionKey())) {
          followUpsEnded.add(instance);
        }
      }
      if (returns.isEmpty()) {
        return List.of();
      }
      Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
      Set<String> ids = new LinkedHashSet<>(returns.keySet());
      followUpsEnded.forEach(followUp -> ids.add(followUp.getId()));
      for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(ids.toArray(String[]::new))
          .variableNameIn("outcome", "returnDate", "closedCase", "closedOn", "returnedToCareOn").list()) {
        variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new LinkedHashMap<>())
            .put(variable.getName(), variable.getValue());
      }
      List<Map<String, Object>> failed = new ArrayList<>();
      for (HistoricProcessInstance earlier : returns.values()) {
        Map<String, Object> facts = variables.getOrDefault(earlier.getId(), Map.of());
        if ("RETURNED_TO_CARE".equals(facts.get("outcome"))) {
          failed.add(entry(earlier, facts, calendar.dayOf(earlier.getEndTime()), null, "while the case was open"));
        }
      }
      for (HistoricProcessInstance followUp : followUpsEnded) {
        Map<String, Object> facts = variables.getOrDefault(followUp.getId(), Map.of());
        HistoricProcessInstance earlier = returns.get(facts.get("closedCase"));
        if (earlier != null && "RETURNED_TO_CARE".equals(facts.get("outcome"))) {
          failed.add(entry(earlier, variables.getOrDefault(earlier.getId(), Map.of()),
              String.valueOf(facts.get("returnedToCareOn")), (String) facts.get("closedOn"), "after the case closed"));
        }
      }
      failed.sort(Comparator.comparing(entry -> String.valueOf(entry.get("backInCareOn"))));
      return failed;
    });
  }

  private static Map<String, Object> entry(HistoricProcessInstance earlier, Map<String, Object> facts,
      String backInCareOn, String closedOn, String when) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("caseId", earlier.getId());
    entry.put("process", earlier.getProcessDefinitionKey());
    entry.put("returnDate", facts.get("returnDate"));
    if (closedOn != null) {
      entry.put("closedOn", closedOn);
    }
    entry.put("backInCareOn", backInCareOn);
    entry.put("when", when);
    return entry;
  }

  /** The earlier failed returns a case records, as plain values. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> recorded(Object variable) {
    if (variable == null) {
      return List.of();
    }
    SpinJsonNode json = variable instanceof SpinJsonNode node ? node : Spin.JSON(variable.toString());
    return json.mapTo(List.class);
  }
}
