package uk.localgov.reunification.casework;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * Finds a child's active case: the running return home ({@code plannedReturn} or
 * {@code unplannedReturn}) whose business key is the child's case reference, with the facts its life at
 * home ({@code childAtHome}) has recorded since. A child has at most one.
 * Whether the caller may see it is the caller's business: this lookup answers whoever asks.
 */
@Service
public class ActiveCases {

  /** The running return of a child, with the facts of its record and its authority (null with one authority). */
  public record ActiveCase(String processInstanceId, String processKey, CaseRecord record, String authority) {
  }

  private final RuntimeService runtime;
  private final UnrestrictedLookups lookups;

  public ActiveCases(RuntimeService runtime, UnrestrictedLookups lookups) {
    this.runtime = runtime;
    this.lookups = lookups;
  }

  /**
   * Whether the return still waits for its decision: the urgent plan, the IRO's review of the
   * return, or the nominated officer's ratification is open (Salford §5–§7).
   */
  public boolean awaitsItsDecision(String childId) {
    return lookups.read(() -> runtime.createProcessInstanceQuery().processDefinitionKey("ratification")
        .processInstanceBusinessKey(childId).count() > 0
        || runtime.createExecutionQuery().processInstanceBusinessKey(childId)
            .activityId(CaseTask.COMPLETE_RETURN_PLAN.key()).count() > 0
        || runtime.createExecutionQuery().processInstanceBusinessKey(childId)
            .activityId(CaseTask.RETURN_REVIEW.key()).count() > 0);
  }

  public Optional<ActiveCase> of(String childId) {
    return of(childId, null);
  }

  /**
   * The child's active case in this authority ({@code null}: whichever the caller may see). Where
   * the platform has several authorities and the caller sees more than one (an administrator, a
   * lookup of no one's), a reference that names a child in each is refused, naming them.
   */
  public Optional<ActiveCase> of(String childId, String authority) {
    if (childId == null || childId.isBlank()) {
      return Optional.empty();
    }
    return authority == null ? lookups.read(() -> find(childId, null))
        : lookups.readWithin(authority, () -> find(childId, authority));
  }

  private Optional<ActiveCase> find(String childId, String authority) {
    var query = runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId)
        .processDefinitionKeyIn(ReturnStartCheck.RETURN_PROCESSES.toArray(String[]::new));
    List<ProcessInstance> found = (authority == null ? query : query.tenantIdIn(authority)).list();
    if (found.size() > 1) {
      throw new CaseInputRefused("authority", "is needed: '" + childId + "' is the reference of an active case in each of "
          + found.stream().map(ProcessInstance::getTenantId).sorted().collect(Collectors.joining(", ")));
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ProcessInstance instance = found.get(0);
    String key = instance.getProcessDefinitionId().substring(0, instance.getProcessDefinitionId().indexOf(':'));
    Map<String, Object> facts = new HashMap<>(runtime.getVariables(instance.getId(), CaseRecord.FACTS));
    // the case at home (childAtHome) holds what changes once the child is home: an order made or discharged
    runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).processDefinitionKey(CaseAtHome.PROCESS)
        .list().forEach(atHome -> runtime.getVariables(atHome.getId(), CaseRecord.FACTS).forEach((name, value) -> {
          if (value != null) {
            facts.put(name, value);
          }
        }));
    // the Child in Need co-ordinator is allocated within the support the return calls (of this child:
    // the same reference in another authority is another child)
    var support = runtime.createProcessInstanceQuery().processDefinitionKey("ongoingSupport").processInstanceBusinessKey(childId);
    (instance.getTenantId() == null ? support.withoutTenantId() : support.tenantIdIn(instance.getTenantId())).list()
        .forEach(each -> facts.putIfAbsent("cinCoordinator", runtime.getVariable(each.getId(), "cinCoordinator")));
    return Optional.of(new ActiveCase(instance.getId(), key, CaseRecord.of(facts), instance.getTenantId()));
  }
}
