package uk.localgov.reunification.casework;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.access.CaseAccess;
import uk.localgov.reunification.casework.ActiveCases.ActiveCase;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.followup.CaseFollowUps;
import uk.localgov.reunification.followup.CaseFollowUps.FollowUp;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * A case event reported by a person who works the case ({@code reportCaseEvent}), known in the
 * diagram as {@code caseEventReport}. On the start event it refuses, naming {@code childId}, a
 * report by anyone but the people allocated to the child's active case, so a report reveals
 * nothing about a case the reporter does not work on; the return to care and the family's
 * withdrawal end a case, so only its social worker or their line manager reports them; a return to
 * care and a welfare concern are reported for a closed case too, in its year of follow-up
 * ({@link CaseFollowUps#EVENTS}), by the people who may see the closed case. Then the event goes to
 * the case as the message of its name, in the same transaction.
 */
@Component("caseEventReport")
public class CaseEventReport implements ExecutionListener {

  /** The events a person reports, each the message the case-record system would send. */
  static final List<CaseMessage> REPORTABLE = List.of(CaseMessage.WELFARE_CONCERN_RAISED,
      CaseMessage.CHILD_RETURNED_TO_CARE, CaseMessage.FAMILY_WITHDREW_CONSENT, CaseMessage.CARE_ORDER_DISCHARGED,
      CaseMessage.COURT_ORDER_MADE);
  /**
   * Events that end the case, or the order it is worked under (the court's discharge): reported only
   * by its social worker or their line manager.
   */
  static final Set<CaseMessage> ENDING = Set.of(CaseMessage.CHILD_RETURNED_TO_CARE, CaseMessage.FAMILY_WITHDREW_CONSENT,
      CaseMessage.CARE_ORDER_DISCHARGED, CaseMessage.COURT_ORDER_MADE);

  private final CaseCalendar calendar;
  private final ActiveCases cases;
  private final CaseAccess access;
  private final StaffDirectory staff;
  private final RuntimeService runtime;
  private final UnrestrictedLookups lookups;
  private final CaseFollowUps followUps;
  private final CaseEventRules rules;

  public CaseEventReport(CaseCalendar calendar, ActiveCases cases, CaseAccess access, StaffDirectory staff,
      RuntimeService runtime, UnrestrictedLookups lookups, CaseFollowUps followUps, CaseEventRules rules) {
    this.followUps = followUps;
    this.rules = rules;
    this.calendar = calendar;
    this.cases = cases;
    this.access = access;
    this.staff = staff;
    this.runtime = runtime;
    this.lookups = lookups;
  }

  @Override
  public void notify(DelegateExecution execution) {
    CaseVariables variables = new CaseVariables(execution, calendar);
    String childId = variables.text("childId");
    CaseMessage event = CaseMessage.of(variables.oneOf("caseEvent", new LinkedHashSet<>(REPORTABLE.stream()
        .map(CaseMessage::messageName).toList()))).orElseThrow();
    variables.text("eventDetails");
    if (event != CaseMessage.CARE_ORDER_DISCHARGED && variables.isPresent("dischargeDate")) {
      throw new CaseInputRefused("dischargeDate", "is recorded only with the event CareOrderDischarged (was given with "
          + event.messageName() + ")");
    }
    for (String orderFact : List.of("orderMade", "orderMadeOn")) {
      if (event != CaseMessage.COURT_ORDER_MADE && variables.isPresent(orderFact)) {
        throw new CaseInputRefused(orderFact, "is recorded only with the event CourtOrderMade (was given with "
            + event.messageName() + ")");
      }
    }
    String reporter = execution.getVariable("reportedBy") instanceof String user ? user : null;
    Optional<ActiveCase> active = cases.of(childId);
    if (active.isEmpty() && CaseFollowUps.EVENTS.contains(event)) {
      // a closed case in its follow-up year: the return to care is recorded against it, a concern opened for it
      FollowUp followUp = followUps.of(childId).filter(found -> reporter != null && mayReport(reporter, found.record(), event))
          .orElseThrow(() -> notYours(childId, event));
      rules.refusal(event, childId, Map.of()).ifPresent(refusal -> {
        throw refusal;
      });
      execution.setProcessBusinessKey(childId);
      access.share(childId, execution.getProcessInstanceId(), followUp.processInstanceId(), null, null,
          access.people(followUp.record()));
      return;
    }
    ActiveCase open = active.filter(found -> reporter != null && mayReport(reporter, found.record(), event))
        .orElseThrow(() -> notYours(childId, event));
    event.refusedFor(open.record(), carried(execution), calendar.today()).ifPresent(refusal -> {
      throw refusal;
    });
    execution.setProcessBusinessKey(childId);
    // the report is part of the case's record: its people read it with the rest of the case
    access.share(childId, execution.getProcessInstanceId(), open.processInstanceId(), null, null,
        access.people(open.record()));
  }

  /** What the report's event carries to the case, by the names the message gives them. */
  private static Map<String, Object> carried(DelegateExecution execution) {
    Map<String, Object> carried = new java.util.HashMap<>();
    carried.put("dischargeDate", execution.getVariable("dischargeDate"));
    if (execution.getVariable("orderMade") != null) {
      carried = new java.util.HashMap<>(Map.of("legalStatus", execution.getVariable("orderMade")));
      carried.put("orderMadeOn", execution.getVariable("orderMadeOn"));
    }
    return carried;
  }

  private static CaseInputRefused notYours(String childId, CaseMessage event) {
    return new CaseInputRefused("childId", "'" + childId + "' is not an active case that you work on"
        + (ENDING.contains(event) ? " as its social worker or their line manager" : "")
        + (CaseFollowUps.EVENTS.contains(event) ? ", nor a closed case in its year of follow-up" : ""));
  }

  /** Sends the event to the child's case; the reporter's right to was checked at the start. */
  public void send(DelegateExecution execution) {
    CaseMessage event = CaseMessage.of((String) execution.getVariable("caseEvent")).orElseThrow();
    String childId = execution.getProcessBusinessKey();
    lookups.read(() -> {
      var correlation = runtime.createMessageCorrelation(event.messageName()).processInstanceBusinessKey(childId);
      if (event == CaseMessage.WELFARE_CONCERN_RAISED) {
        correlation.setVariable("concernDetails", execution.getVariable("eventDetails"));
      }
      if (event == CaseMessage.CARE_ORDER_DISCHARGED) {
        correlation.setVariable("dischargeDate", execution.getVariable("dischargeDate"));
      }
      if (event == CaseMessage.COURT_ORDER_MADE) {
        carried(execution).forEach(correlation::setVariable);
      }
      return correlation.correlateWithResult();
    });
  }

  private boolean mayReport(String reporter, CaseRecord record, CaseMessage event) {
    if (!ENDING.contains(event)) {
      return access.people(record).contains(reporter);
    }
    if (reporter.equals(record.socialWorker())) {
      return true;
    }
    try {
      return reporter.equals(staff.lineManagerOf(record.socialWorker()));
    } catch (ProcessEngineException noLineManager) {
      return false;
    }
  }
}
