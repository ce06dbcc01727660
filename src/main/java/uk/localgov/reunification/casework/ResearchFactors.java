package uk.localgov.reunification.casework;

import uk.localgov.reunification.authority.LocalPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * Wiltshire's research factors (§3) as the decisions {@code reunificationFactors} and
 * {@code supportIntensity} in {@code processes/reunification-factors.dmn}: which factors a case
 * records, what support each calls for (§6), and how intensive the support must be. Process owners
 * change the factors in the decision table; nothing here names one. Known in expressions as
 * {@code researchFactors}.
 */
@Component("researchFactors")
public class ResearchFactors {

  /** One factor as the decision describes it. */
  public record Factor(String code, String group, String label, String support, int weight,
      boolean additionalHelp, boolean responseRequired) {
  }

  /** The transient variable that holds the decision's answer for the rest of a transaction. */
  static final String ASSESSED = "researchFactorsAssessed";

  record Assessed(Set<String> codes, List<Factor> factors) {
  }

  private final UnrestrictedLookups lookups;
  private final CaseCalendar calendar;

  private final LocalPolicy localPolicy;

  public ResearchFactors(UnrestrictedLookups lookups, CaseCalendar calendar, LocalPolicy localPolicy) {
    this.localPolicy = localPolicy;
    this.lookups = lookups;
    this.calendar = calendar;
  }

  /** The factors the decision knows among these codes, in the decision's order. */
  public List<Factor> assess(Collection<String> codes) {
    // local policy: the case's authority's version of the factors, if it has one
    DmnDecisionResult result = localPolicy.decideHere("reunificationFactors",
        Variables.createVariables().putValue("factorsPresent", List.copyOf(codes)));
    List<Factor> factors = new ArrayList<>();
    result.getResultList().forEach(row -> factors.add(new Factor(
        (String) row.get("code"), (String) row.get("group"), (String) row.get("label"), (String) row.get("support"),
        ((Number) row.get("weight")).intValue(), Boolean.TRUE.equals(row.get("additionalHelp")),
        Boolean.TRUE.equals(row.get("responseRequired")))));
    return factors;
  }

  /**
   * The factors among the codes a case has recorded. The completion check of the plan and the
   * weighing after it ask the same of the decision in one transaction; the answer is kept for the
   * rest of that transaction as a transient variable, never stored.
   */
  List<Factor> assess(CaseVariables variables) {
    Set<String> codes = recorded(variables);
    if (variables.transientValue(ASSESSED) instanceof Assessed kept && kept.codes().equals(codes)) {
      return kept.factors();
    }
    List<Factor> factors = assess(codes);
    variables.keepForTransaction(ASSESSED, new Assessed(Set.copyOf(codes), List.copyOf(factors)));
    return factors;
  }

  /** STANDARD, ENHANCED or INTENSIVE, from the weights of the factors present. */
  public String intensity(List<Factor> factors) {
    int riskScore = factors.stream().mapToInt(Factor::weight).sum();
    boolean additionalHelp = factors.stream().anyMatch(Factor::additionalHelp);
    return localPolicy.decideHere("supportIntensity", Variables.createVariables().putValue("riskScore", riskScore)
        .putValue("additionalHelpNeeded", additionalHelp)).getSingleEntry();
  }

  /**
   * After the return plan: keeps with the case, for the IRO's review, the nominated officer and
   * history, each factor present with the support it calls for and the plan's response to it
   * ({@code factorAssessment}), and the support intensity ({@code supportIntensity}).
   */
  public void weigh(DelegateExecution execution) {
    CaseVariables variables = new CaseVariables(execution, calendar);
    List<Factor> factors = assess(variables);
    Map<String, String> responses = variables.textsByCode("factorResponses");
    List<Map<String, Object>> assessment = new ArrayList<>();
    for (Factor factor : factors) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("code", factor.code());
      entry.put("group", factor.group());
      entry.put("label", factor.label());
      entry.put("support", factor.support());
      entry.put("response", responses.getOrDefault(factor.code(), ""));
      assessment.add(entry);
    }
    execution.setVariable("factorAssessment", Spin.JSON(assessment));
    execution.setVariable("supportIntensity", intensity(factors));
  }

  /** The risk and protective factor codes a case has recorded. */
  Set<String> recorded(CaseVariables variables) {
    Set<String> codes = new LinkedHashSet<>(variables.codes("factorsPresent"));
    codes.addAll(variables.codes("protectiveFactors"));
    return codes;
  }

  /** Refuses codes the decision does not know, naming them. */
  List<Factor> known(CaseVariables variables) {
    Set<String> codes = new LinkedHashSet<>(recorded(variables));
    List<Factor> factors = assess(variables);
    factors.forEach(factor -> codes.remove(factor.code()));
    if (!codes.isEmpty()) {
      throw new CaseInputRefused("factorsPresent", "has codes that are not research factors: " + String.join(", ", codes));
    }
    return factors;
  }

  /** Wiltshire §6: every risk factor present answered by specific support in the plan. */
  void requireResponses(CaseVariables variables) {
    Map<String, String> responses = variables.textsByCode("factorResponses");
    List<String> missing = known(variables).stream().filter(Factor::responseRequired).map(Factor::code)
        .filter(code -> responses.get(code) == null || responses.get(code).isBlank()).toList();
    if (!missing.isEmpty()) {
      throw new CaseInputRefused("factorResponses",
          "needs a response to each research factor present (Wiltshire §6); missing: " + String.join(", ", missing));
    }
  }
}
