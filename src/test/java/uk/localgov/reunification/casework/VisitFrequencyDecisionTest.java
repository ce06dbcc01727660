package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reg 28 of the Care Planning, Placement and Case Review (England) Regulations 2010: how soon after
 * the last visit the social worker visits again a child living at home under a court order.
 */
class VisitFrequencyDecisionTest {

  @ParameterizedTest(name = "{0}, placed under reg 19 {1}, reviewed since the return {2}: within {3} days ({4})")
  @CsvSource({
      "CARE_ORDER,         false, false, 42, reg 28(5)(b)",
      "CARE_ORDER,         false, true,  42, reg 28(5)(b)",
      "CARE_ORDER,         true,  false, 7,  reg 28(3)(a)",
      "CARE_ORDER,         true,  true,  42, reg 28(3)(b)",
      "INTERIM_CARE_ORDER, false, false, 7,  reg 28(4)(a)",
      "INTERIM_CARE_ORDER, false, true,  28, reg 28(4)(b)",
      "INTERIM_CARE_ORDER, true,  false, 7,  reg 28(4)(a)",
      "INTERIM_CARE_ORDER, true,  true,  28, reg 28(4)(b)"})
  void theVisitRule(String legalStatus, boolean placedBeforeAssessment, boolean reviewedSinceReturn, int withinDays,
      String regulation) {
    DmnDecisionResultEntries result = DecisionTables.evaluate("visit-frequency.dmn", "visitFrequency", Map.of(
        "legalStatus", legalStatus, "placedBeforeAssessment", placedBeforeAssessment,
        "reviewedSinceReturn", reviewedSinceReturn)).getSingleResult();

    assertThat(result.<Integer>getEntry("visitWithinDays")).isEqualTo(withinDays);
    assertThat(result.<String>getEntry("visitRule")).startsWith(regulation + ":");
  }
}
