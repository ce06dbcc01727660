package uk.localgov.reunification.casework;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.impl.EventSubscriptionQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;
import uk.localgov.reunification.engine.CommandPayload;
import uk.localgov.reunification.engine.CommandPayload.Message;
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
        .ifPresent(event -> casesReached(message, context).forEach(childId -> refusal(event, childId, message.variables())
            .ifPresent(refusal -> {
              throw refusal;
            }))));
  }

  /**
   * The children whose cases the message would reach, however it is addressed: by case reference,
   * by an instance of the case (an administrator's repair), or else every case waiting for it. The
   * rules are judged for each, so an address other than the business key cannot go round them.
   */
  private static Set<String> casesReached(Message message, CommandContext context) {
    if (message.businessKey() != null && !message.businessKey().isBlank()) {
      return Set.of(message.businessKey());
    }
    Set<String> children = new LinkedHashSet<>();
    if (message.address().processInstanceId() != null) {
      ExecutionEntity instance = context.getExecutionManager().findExecutionById(message.address().processInstanceId());
      if (instance != null && instance.getBusinessKey() != null) {
        children.add(instance.getBusinessKey());
      }
      return children;
    }
    EventSubscriptionQueryImpl waiting = new EventSubscriptionQueryImpl();
    waiting.eventType(EventType.MESSAGE.name()).eventName(message.messageName());
    for (EventSubscription subscription : context.getEventSubscriptionManager()
        .findEventSubscriptionsByQueryCriteria(waiting, new Page(0, Integer.MAX_VALUE))) {
      ExecutionEntity instance = subscription.getProcessInstanceId() == null ? null
          : context.getExecutionManager().findExecutionById(subscription.getProcessInstanceId());
      if (instance != null && instance.getBusinessKey() != null) {
        children.add(instance.getBusinessKey());
      }
    }
    return children;
  }

  /**
   * Salford §8: support after a return is voluntary, so a family may withdraw from it; but only from
   * support of a child at home whose return has been decided. Before a planned return the child is
   * still looked after: a family that no longer wants it ends it at the IRO's review or the
   * ratification, and a parent who removes a child from section 20 accommodation starts an unplanned
   * return. After an unplanned return the urgent plan, the IRO's review and the nominated officer's
   * oversight of the child leaving care (Salford §6–§7; reg 39, the Director's approval for a 16 or
   * 17 year old) are not the family's to withdraw from.
   */
  private java.util.Optional<CaseInputRefused> withdrawalBeforeTheDecision(ActiveCases.ActiveCase active) {
    CaseRecord record = active.record();
    if (!record.childAtHome()) {
      return java.util.Optional.of(new CaseInputRefused("returnDate", "is not recorded for child '" + record.childId()
          + "': the child has not gone home, so there is no support at home to withdraw from; a family that no longer"
          + " wants the return ends it at the IRO's review (return not supported) or at ratification, and a parent who"
          + " removes the child from accommodation starts an unplanned return (Salford §2, §6)"));
    }
    if (cases.awaitsItsDecision(record.childId())) {
      return java.util.Optional.of(new CaseInputRefused("childId", "'" + record.childId() + "' has a return still to be"
          + " decided: the urgent plan, the IRO's review and the nominated officer's decision go on whatever"
          + " the family decides about support (Salford §6–§7); record the family's withdrawal once the return is"
          + " decided, and meanwhile record in the weekly progress that the family is not engaging"));
    }
    return java.util.Optional.empty();
  }

  /**
   * Why the event cannot happen to the child now: a rule of the child's active case or, for the
   * events that reach a closed case in its follow-up year ({@link CaseFollowUps#EVENTS}), the end of
   * that year. A welfare concern for a child with neither is refused in words of its own: it is a
   * new referral, not an event of a case here.
   */
  public java.util.Optional<CaseInputRefused> refusal(CaseMessage event, String childId, java.util.Map<String, Object> variables) {
    var active = cases.of(childId);
    if (active.isPresent()) {
      var refused = event.refusedFor(active.get().record(), variables, calendar.today());
      return refused.isPresent() || event != CaseMessage.FAMILY_WITHDREW_CONSENT ? refused
          : withdrawalBeforeTheDecision(active.get());
    }
    if (!CaseFollowUps.EVENTS.contains(event)) {
      return java.util.Optional.empty();
    }
    var followUp = followUps.of(childId);
    if (followUp.isEmpty()) {
      return event != CaseMessage.WELFARE_CONCERN_RAISED ? java.util.Optional.empty()
          : java.util.Optional.of(new CaseInputRefused("childId", "'" + childId + "' has no open case, nor a closed"
              + " case in its year of follow-up, for the concern to reach: a concern about a child without one is a new"
              + " referral to children's social care"));
    }
    return followUp.filter(year -> calendar.today().isAfter(year.lastDay()))
        .map(year -> new CaseInputRefused("childId", "'" + childId + "' was followed up for a year after the case"
            + " closed on " + year.closedOn() + ", until " + year.lastDay() + ": "
            + (event == CaseMessage.WELFARE_CONCERN_RAISED
                ? "a concern after that does not reach the closed case; it is a new referral to children's social care,"
                    + " and the line manager's 12-month check-in records how the child is"
                : "a return to care after that is not counted against the closed case; the line manager's 12-month"
                    + " check-in records what happened")));
  }
}
