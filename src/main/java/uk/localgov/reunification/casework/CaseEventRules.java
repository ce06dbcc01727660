package uk.localgov.reunification.casework;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;
import uk.localgov.reunification.engine.CommandPayload;
import uk.localgov.reunification.followup.CaseFollowUps;

/**
 * An event of a case happens only where the policy lets it ({@link CaseMessage#refusedFor}): a
 * message that cannot apply to the child's active case is refused with a 400 naming the fact that
 * rules it out, before the engine runs it, and the case is unchanged.
 */
@Component
public class CaseEventRules implements CommandGuard {

  private final ActiveCases cases;
  private final CaseFollowUps followUps;
  private final CaseCalendar calendar;

  public CaseEventRules(ActiveCases cases, CaseFollowUps followUps, CaseCalendar calendar) {
    this.cases = cases;
    this.followUps = followUps;
    this.calendar = calendar;
  }

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    CommandPayload.message(command).ifPresent(message -> CaseMessage.of(message.messageName())
        .ifPresent(event -> refusal(event, message.businessKey(), message.variables()).ifPresent(refusal -> {
          throw refusal;
        })));
  }

  /**
   * Why the event cannot happen to the child now: a rule of the child's active case or, for a
   * return to care after the case closed, the end of its follow-up year.
   */
  public java.util.Optional<CaseInputRefused> refusal(CaseMessage event, String childId, java.util.Map<String, Object> variables) {
    var active = cases.of(childId);
    if (active.isPresent()) {
      return event.refusedFor(active.get().record(), variables, calendar.today());
    }
    if (event != CaseMessage.CHILD_RETURNED_TO_CARE) {
      return java.util.Optional.empty();
    }
    return followUps.of(childId).filter(followUp -> calendar.today().isAfter(followUp.lastDay()))
        .map(followUp -> new CaseInputRefused("childId", "'" + childId + "' was followed up for a year after the case"
            + " closed on " + followUp.closedOn() + ", until " + followUp.lastDay() + ": a return to care after that is"
            + " not counted against the closed case; the line manager's 12-month check-in records what happened"));
  }
}
