package uk.localgov.reunification.followup;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.access.CaseAccess;
import uk.localgov.reunification.casework.CaseCalendar;
import uk.localgov.reunification.casework.CaseMessage;
import uk.localgov.reunification.casework.CaseRecord;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * The year after a case closes with the child at home ({@code caseFollowUp}), known in the diagrams
 * as {@code caseFollowUps}. Coventry and Home Again judge a return by whether the child is back in
 * care within months and years of going home, so a closed case stays known for a year: a return to
 * care in that year is recorded against it, a welfare concern reaches the line manager, and the
 * team's line manager checks in at 3, 6 and 12 months. The follow-up carries the closed case's record and names the case it follows.
 */
@Component("caseFollowUps")
public class CaseFollowUps {

  public static final String PROCESS = "caseFollowUp";
  /** Months after closure at which the line manager checks the child is still at home; the last ends the year. */
  public static final List<Integer> CHECK_IN_MONTHS = List.of(3, 6, 12);
  /** The year of follow-up ends with the last check-in. */
  public static final int FOLLOW_UP_MONTHS = CHECK_IN_MONTHS.get(CHECK_IN_MONTHS.size() - 1);
  /**
   * The events of a case that still reach it, closed, in its year of follow-up (the diagram's event
   * subprocesses): the return to care, recorded against the closed case, and a welfare concern, which
   * goes to the line manager as it did while the case was open (Salford §4).
   */
  public static final Set<CaseMessage> EVENTS = Set.of(CaseMessage.CHILD_RETURNED_TO_CARE,
      CaseMessage.WELFARE_CONCERN_RAISED);

  /** A child's running follow-up, with the record of the case it follows. */
  public record FollowUp(String processInstanceId, String closedCase, LocalDate closedOn, CaseRecord record) {

    /** The last day a return to care is recorded against the closed case. */
    public LocalDate lastDay() {
      return closedOn.plusMonths(FOLLOW_UP_MONTHS);
    }
  }

  private final RuntimeService runtime;
  private final HistoryService history;
  private final CaseCalendar calendar;
  private final CaseAccess access;
  private final UnrestrictedLookups lookups;

  public CaseFollowUps(RuntimeService runtime, HistoryService history, CaseCalendar calendar, CaseAccess access,
      UnrestrictedLookups lookups) {
    this.runtime = runtime;
    this.history = history;
    this.calendar = calendar;
    this.access = access;
    this.lookups = lookups;
  }

  /**
   * On the return, once its closure is signed off: starts the child's follow-up, under the child's
   * case reference, and lets the people of the case read it from the start.
   */
  public void begin(DelegateExecution execution) {
    // the case is its return, at the root: the life at home (childAtHome) that closes it is called by it
    String closedCase = ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) execution).getRootProcessInstanceId();
    Map<String, Object> facts = new HashMap<>();
    CaseRecord.FACTS.forEach(name -> facts.put(name, execution.getVariable(name)));
    // the Child in Need co-ordinator was allocated within the support the return called, ended by now:
    // one of the people of the case, who may see it closed and report a concern in its year
    facts.computeIfAbsent("cinCoordinator", name -> cinCoordinatorOf(closedCase));
    CaseRecord record = CaseRecord.of(facts);
    Map<String, Object> variables = new LinkedHashMap<>();
    CaseRecord.FACTS.forEach(name -> {
      if (record.fact(name) != null) {
        variables.put(name, record.fact(name));
      }
    });
    variables.put("closedCase", closedCase);
    variables.put("closedOn", calendar.today().toString());
    variables.put("closedWithOutcome", execution.getVariable("outcome"));
    ProcessInstance followUp = lookups.read(() ->
        runtime.startProcessInstanceByKey(PROCESS, record.childId(), variables));
    access.share(record.childId(), followUp.getId(), closedCase, null, null, access.people(record));
  }

  private Object cinCoordinatorOf(String returnId) {
    return lookups.read(() -> {
      String[] supports = history.createHistoricProcessInstanceQuery().rootProcessInstanceId(returnId)
          .processDefinitionKey("ongoingSupport").list().stream().map(support -> support.getId()).toArray(String[]::new);
      return supports.length == 0 ? null : history.createHistoricVariableInstanceQuery().processInstanceIdIn(supports)
          .variableName("cinCoordinator").list().stream().map(variable -> variable.getValue())
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    });
  }

  /** Before each check-in's timer: which check-in is next (3, then 6, then 12 months after closure). */
  public void nextCheckIn(DelegateExecution execution) {
    Object last = execution.getVariable("checkInMonths");
    int next = last == null ? CHECK_IN_MONTHS.get(0)
        : CHECK_IN_MONTHS.get(CHECK_IN_MONTHS.indexOf(((Number) last).intValue()) + 1);
    execution.setVariable("checkInMonths", next);
  }

  /** Whether the check-in just done was the last of the year. */
  public boolean yearFollowedUp(DelegateExecution execution) {
    return ((Number) execution.getVariable("checkInMonths")).intValue() == CHECK_IN_MONTHS.get(CHECK_IN_MONTHS.size() - 1);
  }

  /** When the next check-in opens: the start of its day, that many months after closure. */
  public Date checkInDue(DelegateExecution execution) {
    LocalDate closedOn = LocalDate.parse((String) execution.getVariable("closedOn"));
    int months = ((Number) execution.getVariable("checkInMonths")).intValue();
    return Date.from(closedOn.plusMonths(months).atStartOfDay(CaseCalendar.ENGLAND).toInstant());
  }

  /** The return to care reported by message or by the people of the case: it happened today. */
  public void recordReturnToCare(DelegateExecution execution) {
    execution.setVariable("returnedToCareOn", calendar.today().toString());
  }

  /** The child's follow-up, if one is running. */
  public Optional<FollowUp> of(String childId) {
    if (childId == null || childId.isBlank()) {
      return Optional.empty();
    }
    return lookups.read(() -> {
      ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
          .processInstanceBusinessKey(childId).singleResult();
      if (instance == null) {
        return Optional.empty();
      }
      Map<String, Object> facts = new HashMap<>(runtime.getVariables(instance.getId()));
      return Optional.of(new FollowUp(instance.getId(), (String) facts.get("closedCase"),
          LocalDate.parse((String) facts.get("closedOn")), CaseRecord.of(facts)));
    });
  }
}
