package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Wiltshire §3 and §6: each research factor, the support it calls for, and how intensive support must be. */
class ResearchFactorsDecisionTest {

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
    DmnDecisionResult result = DecisionTables.evaluate("reunification-factors.dmn", "reunificationFactors",
        Map.of("factorsPresent", List.of(code)));

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
    assertThat(DecisionTables.evaluate("reunification-factors.dmn", "reunificationFactors",
        Map.of("factorsPresent", everyFactor().toList())).getResultList()).extracting(row -> row.get("group"))
        .contains("CHILD", "FAMILY", "SOCIAL_CARE", "BREAKDOWN", "PROTECTIVE");
  }

  @Test
  void severalFactorsAreCollectedTogetherAndUnknownCodesAreIgnoredByTheTable() {
    assertThat(DecisionTables.evaluate("reunification-factors.dmn", "reunificationFactors",
        Map.of("factorsPresent", List.of("FAMILY_DOMESTIC_ABUSE", "CHILD_AGED_10_OR_OVER", "NOT_A_FACTOR")))
        .getResultList()).extracting(row -> row.get("code"))
        .containsExactlyInAnyOrder("FAMILY_DOMESTIC_ABUSE", "CHILD_AGED_10_OR_OVER");
    assertThat(DecisionTables.evaluate("reunification-factors.dmn", "reunificationFactors",
        Map.of("factorsPresent", List.of())).getResultList()).isEmpty();
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
    String result = DecisionTables.evaluate("reunification-factors.dmn", "supportIntensity",
        Map.of("riskScore", riskScore, "additionalHelpNeeded", additionalHelp)).getSingleEntry();

    assertThat(result).isEqualTo(intensity);
  }
}
