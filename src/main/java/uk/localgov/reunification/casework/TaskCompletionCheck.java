package uk.localgov.reunification.casework;

import uk.localgov.reunification.authority.CaseAuthority;
import java.time.LocalDate;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * Refuses to complete a task whose values break the rules its declaration gives ({@link CaseTask};
 * the form in Tasklist asks for the same, but its checks run only in the browser). Listens on the
 * user task's {@code end} as {@code ${taskCompletionCheck}}: the engine wraps a task listener's
 * exception in a 500, while an execution listener's {@link CaseInputRefused} reaches REST as a
 * 400. A refusal rolls the completion back and leaves the task open; a task cancelled by the
 * process is not checked. Which variables a completion may write at all is held before the
 * engine runs it ({@link RecordedVariablesOnly}).
 */
@Component("taskCompletionCheck")
public class TaskCompletionCheck implements ExecutionListener, TaskRules {

  private final CaseCalendar calendar;
  private final StaffDirectory staff;
  private final ResearchFactors factors;
  private final ActiveCases cases;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final UnrestrictedLookups lookups;

  public TaskCompletionCheck(CaseCalendar calendar, StaffDirectory staff, ResearchFactors factors, ActiveCases cases,
      RuntimeService runtime, HistoryService history, UnrestrictedLookups lookups) {
    this.calendar = calendar;
    this.staff = staff;
    this.factors = factors;
    this.cases = cases;
    this.runtime = runtime;
    this.history = history;
    this.lookups = lookups;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    CaseTask task = CaseTask.of(execution.getCurrentActivityId()).orElseThrow(() -> new CaseInputRefused(
        execution.getCurrentActivityId(), "is not a declared task (CaseTask), so nothing says what it records"));
    task.check(new CaseVariables(execution, calendar), this);
  }

  @Override
  public void requireMember(CaseVariables variables, String name, String group) {
    String userId = variables.text(name);
    if (!staff.isMember(userId, group)) {
      throw new CaseInputRefused(name, "must be a member of " + group + " (was '" + userId + "')");
    }
    // several authorities share the platform: the people of a case are its authority's
    String authority = CaseAuthority.ofCurrentStep();
    if (authority != null && !staff.worksFor(userId, authority)) {
      throw new CaseInputRefused(name, "must be one of the staff of the child's authority " + authority
          + " (was '" + userId + "')");
    }
  }

  @Override
  public ResearchFactors factors() {
    return factors;
  }

  @Override
  public Optional<LocalDate> ratifiedOn(String childId) {
    return lookups.read(() -> history.createHistoricProcessInstanceQuery().processDefinitionKey("ratification")
        .processInstanceBusinessKey(childId).finished().orderByProcessInstanceEndTime().desc().list().stream()
        .filter(ratification -> {
          HistoricVariableInstance decision = history.createHistoricVariableInstanceQuery()
              .processInstanceId(ratification.getId()).variableName("ratificationDecision").singleResult();
          return decision != null && "RATIFIED".equals(decision.getValue());
        })
        .findFirst().map(ratified -> LocalDate.parse(calendar.dayOf(ratified.getEndTime()))));
  }

  @Override
  public boolean hasActiveCase(String childId) {
    return cases.of(childId).isPresent();
  }

  @Override
  public long resubmissions(String childId) {
    return lookups.read(() -> runtime.createProcessInstanceQuery().processDefinitionKey("unplannedReturn")
        .processInstanceBusinessKey(childId).list().stream()
        .mapToLong(running -> history.createHistoricActivityInstanceQuery().processInstanceId(running.getId())
            .activityId(RESUBMISSION).count())
        .sum());
  }

  /** The diagram's step that revises a refused plan for the nominated officer (unplanned-return.bpmn). */
  static final String RESUBMISSION = "CallActivity_RevisePlanForRatification";

  @Override
  public boolean courtOrderStands(String childId) {
    return cases.of(childId).map(active -> active.record().courtOrderStands()).orElse(false);
  }

  @Override
  public long supportReviewsHeld(String childId) {
    return lookups.read(() -> history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(childId)
        .processDefinitionKey("ongoingSupport").processUnfinished().taskDefinitionKey(CaseTask.SUPPORT_REVIEW.key())
        .finished().count());
  }

  @Override
  public boolean isSupportedAtHome(String childId) {
    // the review of the return plan waits for the message once the co-ordinator is allocated
    return lookups.read(() -> runtime.createProcessInstanceQuery().processDefinitionKey("ongoingSupport")
        .processInstanceBusinessKey(childId).list().stream().anyMatch(support -> runtime.createEventSubscriptionQuery()
            .processInstanceId(support.getId()).eventName(CaseMessage.EARLY_REVIEW_REQUESTED.messageName()).count() > 0));
  }
}
