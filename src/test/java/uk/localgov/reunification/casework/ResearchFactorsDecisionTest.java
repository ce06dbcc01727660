package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;

/** Wiltshire §3 and §6: each research factor, the support it calls for, and how intensive support must be. */
@ApplicationTest
class ResearchFactorsDecisionTest {

  @Autowired
  DecisionService decisions;
  @Autowired
  ResearchFactors factors;

  /** Every factor code in the decision table, read from the table itself. */
  static Stream<String> everyFactor() {
    DmnModelInstance model = Dmn.readModelFromFile(new java.io.File("processes/reunification-factors.dmn"));
    return model.getModelElementsByType(Rule.class).stream()
        .filter(rule -> rule.getId().startsWith("Rule_") && rule.getOutputEntries().size() > 1)
        .map(rule -> rule.getOutputEntries().iterator().next().getTextContent().replace("\"", ""));
  }

  @ParameterizedTest
  @MethodSource("everyFactor")
  void eachFactorHasOneRuleNamingItsGroupAndTheSupportItCallsFor(String code) {
    DmnDecisionResult result = decisions.evaluateDecisionByKey("reunificationFactors")
        .variables(Map.of("factorsPresent", List.of(code))).evaluate();

    assertThat(result.getResultList()).hasSize(1);
    Map<String, Object> factor = result.getFirstResult().getEntryMap();
    assertThat(factor.get("code")).isEqualTo(code);
    assertThat(factor.get("group")).isIn("CHILD", "FAMILY", "SOCIAL_CARE", "BREAKDOWN", "PROTECTIVE");
    assertThat((String) factor.get("label")).isNotBlank();
    assertThat((String) factor.get("support")).isNotBlank();
    assertThat(factor.get("responseRequired")).isEqualTo(!"PROTECTIVE".equals(factor.get("group")));
  }

  @Test
  void theDecisionCoversEveryGroupOfTheGuidance() {
    assertThat(everyFactor().count()).isGreaterThanOrEqualTo(30);
    assertThat(factors.assess(everyFactor().toList())).extracting(ResearchFactors.Factor::group)
        .contains("CHILD", "FAMILY", "SOCIAL_CARE", "BREAKDOWN", "PROTECTIVE");
  }

  @Test
  void severalFactorsAreCollectedTogetherAndUnknownCodesAreIgnoredByTheTable() {
    assertThat(factors.assess(List.of("FAMILY_DOMESTIC_ABUSE", "CHILD_AGED_10_OR_OVER", "NOT_A_FACTOR")))
        .extracting(ResearchFactors.Factor::code)
        .containsExactlyInAnyOrder("FAMILY_DOMESTIC_ABUSE", "CHILD_AGED_10_OR_OVER");
    assertThat(factors.assess(List.of())).isEmpty();
  }

  @ParameterizedTest(name = "risk score {0}, additional help {1}: {2}")
  @CsvSource({
      "0, false, STANDARD",
      "2, false, STANDARD",
      "3, false, ENHANCED",
      "5, false, ENHANCED",
      "6, false, INTENSIVE",
      "0, true,  ENHANCED",
      "5, true,  ENHANCED",
      "6, true,  INTENSIVE",
      "20, true, INTENSIVE"})
  void supportIntensityFollowsTheWeightOfTheFactors(int riskScore, boolean additionalHelp, String intensity) {
    String result = decisions.evaluateDecisionByKey("supportIntensity")
        .variables(Map.of("riskScore", riskScore, "additionalHelpNeeded", additionalHelp)).evaluate().getSingleEntry();

    assertThat(result).isEqualTo(intensity);
  }

  @Test
  void aPreviousFailedReturnAloneCallsForEnhancedSupport() {
    assertThat(factors.intensity(factors.assess(List.of("CARE_PREVIOUS_FAILED_RETURN"))))
        .isEqualTo("ENHANCED");
    assertThat(factors.intensity(factors.assess(List.of("PROTECTIVE_CHANGED_HOUSEHOLD")))).isEqualTo("STANDARD");
  }
}
