package uk.localgov.reunification.casework;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;
import uk.localgov.reunification.engine.CommandPayload;

/**
 * An event of a case happens only where the policy lets it ({@link CaseMessage#refusedFor}): a
 * message that cannot apply to the child's active case is refused with a 400 naming the fact that
 * rules it out, before the engine runs it, and the case is unchanged.
 */
@Component
public class CaseEventRules implements CommandGuard {

  private final ActiveCases cases;
  private final CaseCalendar calendar;

  public CaseEventRules(ActiveCases cases, CaseCalendar calendar) {
    this.cases = cases;
    this.calendar = calendar;
  }

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    CommandPayload.message(command).ifPresent(message -> CaseMessage.of(message.messageName())
        .ifPresent(event -> cases.of(message.businessKey()).flatMap(active -> event.refusedFor(active.record(), message.variables(), calendar.today()))
            .ifPresent(refusal -> {
              throw refusal;
            })));
  }
}
