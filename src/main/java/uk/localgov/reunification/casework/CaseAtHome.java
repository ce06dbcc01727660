package uk.localgov.reunification.casework;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * The two halves of a case, known in expressions as {@code caseAtHome}: the return
 * ({@code plannedReturn} or {@code unplannedReturn}) decides whether and how the child goes home,
 * and calls {@code childAtHome}, the life of the case from the day home, when the case begins. The
 * return tells the case at home the three facts it waits for (the day home, the plan, the
 * ratification) by setting them on it, which its conditional events watch; the case at home tells
 * the return a plan revised at home. Only these facts cross, each under its own name.
 */
@Component("caseAtHome")
public class CaseAtHome {

  public static final String PROCESS = "childAtHome";
  /** The return plan as the return writes it and support reads it (Salford §8, Wiltshire §3 and §6). */
  public static final List<String> PLAN = List.of("returnPlan", "factorsPresent", "protectiveFactors", "factorResponses",
      "factorAssessment", "supportIntensity", "planChangeReason");
  public static final List<String> RATIFICATION = List.of("ratificationDecision");
  public static final List<String> RETURN_DAY = List.of("returnDate");

  private final RuntimeService runtime;
  private final UnrestrictedLookups lookups;
  private final uk.localgov.reunification.access.CaseAccess access;

  public CaseAtHome(RuntimeService runtime, UnrestrictedLookups lookups,
      @org.springframework.context.annotation.Lazy uk.localgov.reunification.access.CaseAccess access) {
    this.runtime = runtime;
    this.lookups = lookups;
    this.access = access;
  }

  /** At its start: the people of the case read its life at home from the first day, before any of its tasks. */
  public void begin(DelegateExecution execution) {
    access.share(execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
        ((ExecutionEntity) execution).getRootProcessInstanceId(), null, null, access.people(execution));
  }

  /** Salford §2: the child has gone home (an unplanned return starts so; a planned one records the day). */
  public boolean childHome(DelegateExecution execution) {
    return CaseRecord.of(execution).childAtHome();
  }

  /** Salford §8: support follows a written return plan. */
  public boolean planWritten(DelegateExecution execution) {
    return execution.getVariable("returnPlan") instanceof String plan && !plan.isBlank();
  }

  /** Salford §7: the nominated officer has ratified the return. */
  public boolean ratified(DelegateExecution execution) {
    return "RATIFIED".equals(execution.getVariable("ratificationDecision"));
  }

  /** From the return: the plan is written, or revised for the nominated officer. */
  public void tellPlan(DelegateExecution execution) {
    tellCaseAtHome(execution, PLAN);
  }

  /** From the return: the nominated officer ratified it. */
  public void tellRatified(DelegateExecution execution) {
    tellCaseAtHome(execution, RATIFICATION);
  }

  /** From a planned return: the day the child went home. */
  public void tellReturnDay(DelegateExecution execution) {
    tellCaseAtHome(execution, RETURN_DAY);
  }

  /** From the case at home: a plan revised after a welfare concern is the plan the return goes on with. */
  public void tellReturnPlanRevised(DelegateExecution execution) {
    ExecutionEntity caller = ((ExecutionEntity) execution).getProcessInstance().getSuperExecution();
    if (caller != null) {
      Map<String, Object> facts = facts(execution, PLAN);
      lookups.read(() -> {
        runtime.setVariables(caller.getProcessInstanceId(), facts);
        return null;
      });
    }
  }

  /** The case at home this return called, while it runs. */
  public ProcessInstance of(String returnInstanceId) {
    return lookups.read(() -> runtime.createProcessInstanceQuery().superProcessInstanceId(returnInstanceId)
        .processDefinitionKey(PROCESS).singleResult());
  }

  private void tellCaseAtHome(DelegateExecution execution, List<String> names) {
    Map<String, Object> facts = facts(execution, names);
    ProcessInstance atHome = of(execution.getProcessInstanceId());
    if (atHome == null) {
      throw new IllegalStateException("The return " + execution.getProcessInstanceId() + " of case '"
          + execution.getProcessBusinessKey() + "' has no " + PROCESS + " to tell " + names);
    }
    lookups.read(() -> {
      runtime.setVariables(atHome.getId(), facts);
      return null;
    });
  }

  private static Map<String, Object> facts(DelegateExecution execution, List<String> names) {
    Map<String, Object> facts = new LinkedHashMap<>();
    names.forEach(name -> {
      if (execution.getVariable(name) != null) {
        facts.put(name, execution.getVariableTyped(name));
      }
    });
    return facts;
  }
}
