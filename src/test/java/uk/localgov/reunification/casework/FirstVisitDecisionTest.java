package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Salford §3: whether a first home visit is due after the return, and within how many days. */
class FirstVisitDecisionTest {

  @ParameterizedTest(name = "{0}, {1} weeks, eligible {2}: required {3} within {4} days")
  @CsvSource(nullValues = "none", value = {
      "CARE_ORDER,         2,  false, true,  7",
      "CARE_ORDER,         52, true,  true,  7",
      "INTERIM_CARE_ORDER, 0,  false, true,  7",
      "SECTION_20,         13, false, true,  14",
      "SECTION_20,         60, false, true,  14",
      "SECTION_20,         13, true,  false, none",
      "SECTION_20,         12, false, false, none",
      "SECTION_20,         0,  true,  false, none"})
  void theFirstVisitRule(String legalStatus, int weeks, boolean eligible, boolean required, Integer withinDays) {
    DmnDecisionResultEntries result = DecisionTables.evaluate("first-visit.dmn", "firstVisit", Map.of(
        "legalStatus", legalStatus, "weeksAccommodated", weeks, "eligibleChild", eligible)).getSingleResult();

    assertThat((Boolean) result.getEntry("firstVisitRequired")).isEqualTo(required);
    assertThat(result.getEntryMap().get("firstVisitWithinDays")).isEqualTo(withinDays);
  }
}
