package uk.localgov.reunification.authority;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.dmn.DecisionsEvaluationBuilder;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * The decisions that are local policy, which an authority may have its own version of, found for
 * the authority's cases first, then the shared default. The law's decisions (visitFrequency, reg
 * 28) and the processes are shared by every authority and have no local version. Camunda finds a
 * decision by the tenant it is told, without falling back, so the diagrams ask this bean which
 * tenant to name: {@code camunda:decisionRefTenantId="${localPolicy.authorityFor('firstVisit', execution)}"}.
 * Known in expressions as {@code localPolicy}.
 */
@Component("localPolicy")
public class LocalPolicy {

  /**
   * Salford §3's first home visit (first-visit.dmn), §8's Child in Need review interval
   * (child-in-need-review.dmn), Wiltshire's research factors and the support intensity they call
   * for (reunification-factors.dmn), and the service-standard timescales (service-standards.dmn).
   */
  public static final Set<String> LOCAL_DECISIONS = Set.of("firstVisit", "childInNeedReview", "reunificationFactors",
      "supportIntensity", "serviceStandard");

  private final RepositoryService repository;
  private final DecisionService decisions;
  private final UnrestrictedLookups lookups;
  private final IdentityService identity;

  public LocalPolicy(RepositoryService repository, DecisionService decisions, UnrestrictedLookups lookups,
      IdentityService identity) {
    this.identity = identity;
    this.repository = repository;
    this.decisions = decisions;
    this.lookups = lookups;
  }

  /** The tenant whose version of the decision a case follows: its authority's, if it has one, or none (the default). */
  public String authorityFor(String decisionKey, DelegateExecution execution) {
    return authorityFor(decisionKey, execution.getTenantId());
  }

  public String authorityFor(String decisionKey, String authority) {
    if (authority == null || !LOCAL_DECISIONS.contains(decisionKey)) {
      return null;
    }
    boolean ownVersion = lookups.read(() -> repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
        .tenantIdIn(authority).count() > 0);
    return ownVersion ? authority : null;
  }

  /** The decision as the case's authority has it. */
  public DmnDecisionResult decide(String decisionKey, DelegateExecution execution, Map<String, Object> variables) {
    return decideFor(execution.getTenantId(), decisionKey, variables);
  }

  /**
   * The decision as the authority of what runs now has it: the case's whose step runs, or else the
   * caller's (a person of one authority reading a case's words); the default otherwise.
   */
  public DmnDecisionResult decideHere(String decisionKey, Map<String, Object> variables) {
    String authority = CaseAuthority.ofCurrentStep();
    if (authority == null) {
      authority = CaseAuthority.ofCaller(identity.getCurrentAuthentication());
    }
    return decideFor(authority, decisionKey, variables);
  }

  private DmnDecisionResult decideFor(String authority, String decisionKey, Map<String, Object> variables) {
    String tenant = authorityFor(decisionKey, authority);
    return lookups.read(() -> {
      DecisionsEvaluationBuilder decision = decisions.evaluateDecisionByKey(decisionKey).variables(variables);
      return (tenant == null ? decision.decisionDefinitionWithoutTenantId() : decision.decisionDefinitionTenantId(tenant))
          .evaluate();
    });
  }

  /** Salford §8: how often the Child in Need co-ordinator reviews the plan, as an ISO period (P42D by default). */
  public String childInNeedReviewEvery(DelegateExecution execution) {
    return (String) decide("childInNeedReview", execution, Map.of()).getSingleEntry();
  }
}
