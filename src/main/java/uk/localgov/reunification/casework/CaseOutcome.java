package uk.localgov.reunification.casework;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Records how a return ended (contract: outcomes), kept in history for reporting. Used on end
 * events as {@code ${caseOutcome.record(execution, 'RETURN_NOT_SUPPORTED')}}.
 */
@Component("caseOutcome")
public class CaseOutcome {

  public static final Set<String> OUTCOMES = Set.of("SUSTAINED_AT_HOME", "TRANSFERRED_TO_TEAM_AROUND_CHILD",
      "STEPPED_DOWN_TO_UNIVERSAL", "RETURNED_TO_CARE", "RETURN_NOT_SUPPORTED", "NOT_RATIFIED", "FAMILY_WITHDREW");

  public void record(DelegateExecution execution, String outcome) {
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalArgumentException("Unknown outcome '" + outcome + "'; expected one of " + OUTCOMES);
    }
    execution.getProcessInstance().setVariable("outcome", outcome);
    // the life at home (childAtHome) ends the case: its outcome is the return's, which reports hold
    if (execution.getProcessInstance() instanceof org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity atHome
        && CaseAtHome.PROCESS.equals(atHome.getProcessDefinition().getKey()) && atHome.getSuperExecution() != null) {
      atHome.getSuperExecution().getProcessInstance().setVariable("outcome", outcome);
    }
  }

  /** The outcome support ended with (ongoingSupport's), as the case's. */
  public void fromSupport(DelegateExecution execution) {
    record(execution, (String) execution.getVariable("outcome"));
  }
}
