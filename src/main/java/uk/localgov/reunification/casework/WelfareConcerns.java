package uk.localgov.reunification.casework;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Opens a welfare concern (Salford §4) for the child of a case, as a process of its own under the
 * child's business key: a concern outlives the case, so a family withdrawing consent or the
 * child returning to care never closes an open concern. Known in expressions as
 * {@code welfareConcerns}; called from asynchronous service tasks, so a failure to open one is
 * retried and then shown as an incident on the case.
 */
@Component("welfareConcerns")
public class WelfareConcerns {

  private final RuntimeService runtime;

  public WelfareConcerns(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** A first home visit found the child's welfare not adequately safeguarded. */
  public void fromVisit(DelegateExecution execution) {
    Object furtherSupport = execution.getVariable("furtherSupportNeeded");
    open(execution, "Raised at the first home visit on " + execution.getVariable("visitDate")
        + " (child seen alone: " + (Boolean.TRUE.equals(execution.getVariable("childSeenAlone")) ? "yes" : "no")
        + "): the child's welfare is not adequately safeguarded."
        + (furtherSupport == null ? "" : " Further support needed: " + furtherSupport));
  }

  /** A statutory visit under a court order (reg 28) found the child's welfare not adequately safeguarded. */
  public void fromStatutoryVisit(DelegateExecution execution) {
    Object furtherSupport = execution.getVariable("furtherSupportNeeded");
    open(execution, "Raised at the statutory visit on " + execution.getVariable("visitDate")
        + " (child seen alone: " + (Boolean.TRUE.equals(execution.getVariable("childSeenAlone")) ? "yes" : "no")
        + "): the child's welfare is not adequately safeguarded."
        + (furtherSupport == null || furtherSupport.toString().isBlank() ? "" : " Further support needed: " + furtherSupport));
  }

  /** The WelfareConcernRaised message arrived for the case, with its concernDetails. */
  public void fromMessage(DelegateExecution execution) {
    Object details = execution.getVariable("concernDetails");
    open(execution, details == null ? "Raised without details" : details.toString());
  }

  /** Salford §4: the line manager asked for the return plan to be revised: revisePlan opens in the child's case. */
  public void askForPlanRevision(DelegateExecution execution) {
    runtime.createMessageCorrelation(CaseMessage.PLAN_REVISION_REQUESTED.messageName())
        .processInstanceBusinessKey(execution.getProcessBusinessKey())
        .setVariable("revisionReason", "Welfare concern: " + execution.getVariable("managerNotes"))
        .correlateWithResult();
  }

  /** Salford §4: the line manager asked for an early review: the next Child in Need review within 7 days. */
  public void bringReviewForward(DelegateExecution execution) {
    runtime.createMessageCorrelation(CaseMessage.EARLY_REVIEW_REQUESTED.messageName())
        .processInstanceBusinessKey(execution.getProcessBusinessKey()).correlateWithResult();
  }

  private void open(DelegateExecution execution, String details) {
    Map<String, Object> variables = new HashMap<>(CaseRecord.of(execution).calledProcessFacts());
    variables.put("concernDetails", details);
    runtime.startProcessInstanceByKey("welfareConcern", execution.getProcessBusinessKey(), variables);
  }
}
