package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;

import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/**
 * Wiltshire §6: no return plan goes forward with a known risk left unanswered, and the IRO and the
 * nominated officer see each factor with the plan's response.
 */
@ApplicationTest
class ResearchFactorsInCaseTest extends ProcessTest {

  @Autowired
  FormService forms;
  @Autowired
  TestRestTemplate http;

  static Object json(String text) {
    return Spin.JSON(text);
  }

  ProcessInstance assessedWith(String factorsPresent, String protectiveFactors) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("RF-")));
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother's partner left; drinking reduced",
        "factorsPresent", json(factorsPresent), "protectiveFactors", json(protectiveFactors)));
    return instance;
  }

  @Test
  void aPlanMissingAResponseIsRefusedNamingEveryMissingFactor() {
    ProcessInstance instance = assessedWith("[\"FAMILY_DOMESTIC_ABUSE\", \"CARE_PREVIOUS_FAILED_RETURN\"]",
        "[\"PROTECTIVE_INFORMAL_SUPPORT\"]");
    String plan = task(COMPILE_RETURN_PLAN, instance).getId();

    assertThatThrownBy(() -> tasks.complete(plan, vars("returnPlan", "Family support")))
        .isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'factorResponses' needs a response to each research factor present")
        .hasMessageContaining("missing: FAMILY_DOMESTIC_ABUSE, CARE_PREVIOUS_FAILED_RETURN");
    assertThatThrownBy(() -> tasks.complete(plan, vars("returnPlan", "Family support",
        "factorResponses", json("{\"FAMILY_DOMESTIC_ABUSE\": \"Domestic abuse service; safety plan\"}"))))
        .isInstanceOf(CaseInputRefused.class).hasMessageEndingWith("missing: CARE_PREVIOUS_FAILED_RETURN");
    assertThatCase(instance).isWaitingAt("compileReturnPlan");
  }

  @Test
  void factorsFlowFromTheAssessmentToThePlanAndOnToTheIroAndTheNominatedOfficer() {
    ProcessInstance instance = assessedWith("[\"FAMILY_DOMESTIC_ABUSE\", \"CARE_PREVIOUS_FAILED_RETURN\"]",
        "[\"PROTECTIVE_INFORMAL_SUPPORT\"]");

    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Family support",
        "factorResponses", json("{\"FAMILY_DOMESTIC_ABUSE\": \"Domestic abuse service; safety plan\","
            + " \"CARE_PREVIOUS_FAILED_RETURN\": \"Outreach team three times a week for twelve weeks\"}")));

    assertThat(caseVariable(instance, "supportIntensity")).isEqualTo("ENHANCED");
    VariableMap seenByIro = forms.getTaskFormVariables(task(PRE_RETURN_REVIEW, instance).getId());
    assertThat(seenByIro.get("supportIntensity")).isEqualTo("ENHANCED");
    SpinJsonNode assessment = (SpinJsonNode) seenByIro.get("factorAssessment");
    assertThat(assessment.elements()).extracting(factor -> factor.prop("code").stringValue())
        .containsExactly("FAMILY_DOMESTIC_ABUSE", "CARE_PREVIOUS_FAILED_RETURN", "PROTECTIVE_INFORMAL_SUPPORT");
    assertThat(assessment.elements().get(1).prop("response").stringValue())
        .isEqualTo("Outreach team three times a week for twelve weeks");
    assertThat(assessment.elements().get(0).prop("support").stringValue()).contains("safety plan");

    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    VariableMap seenByNominatedOfficer = forms.getTaskFormVariables(task(RATIFY_DECISION, sub("ratification", instance)).getId());
    assertThat(seenByNominatedOfficer.get("supportIntensity")).isEqualTo("ENHANCED");
    assertThat(seenByNominatedOfficer.get("factorAssessment").toString()).isEqualTo(assessment.toString());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("factorAssessment").count()).as("kept in history").isEqualTo(1);
  }

  @Test
  void anUnknownFactorIsRefusedAtTheAssessment() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("RF-")));

    assertThatThrownBy(() -> tasks.complete(task(COMPLETE_ASSESSMENT, instance).getId(), vars(
        "assessmentSummary", "Summary", "factorsPresent", json("[\"FAMILY_DOMESTIC_ABUSE\", \"BAD_LUCK\"]"))))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'factorsPresent' has codes that are not research factors: BAD_LUCK");
  }

  @Test
  void anUnplannedReturnRecordsFactorsWithItsUrgentPlan() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("RF-U")),
        "returnDate", "2026-11-01", "returnReason", "PLACEMENT_BREAKDOWN"));

    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Urgent plan",
        "factorsPresent", json("[\"CHILD_AGED_10_OR_OVER\", \"FAMILY_SUBSTANCE_MISUSE\", \"FAMILY_NEGLECT\", \"BREAKDOWN_WEAK_PLANNING\"]"),
        "factorResponses", json("{\"CHILD_AGED_10_OR_OVER\": \"Adolescent team\", \"FAMILY_SUBSTANCE_MISUSE\": \"Drug service\","
            + " \"FAMILY_NEGLECT\": \"Parenting support\", \"BREAKDOWN_WEAK_PLANNING\": \"Timed plan with contingency\"}")));

    assertThat(caseVariable(instance, "supportIntensity")).isEqualTo("INTENSIVE");
    assertThat(forms.getTaskFormVariables(task(RETURN_REVIEW, instance).getId()).get("factorAssessment")).isNotNull();
  }

  @Test
  void overHttpAPlanMissingResponsesIsRefusedWithA400NamingTheCodes() {
    ProcessInstance instance = assessedWith("[\"CHILD_CRIMINAL_ACTIVITY\"]", "[]");
    String plan = task(COMPILE_RETURN_PLAN, instance).getId();

    ResponseEntity<String> answer = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        "/engine-rest/task/" + plan + "/submit-form", Map.of("variables", Map.of(
            "returnPlan", Map.of("value", "Plan", "type", "String"),
            "factorResponses", Map.of("value", "{}", "type", "Json"))), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("missing: CHILD_CRIMINAL_ACTIVITY");
  }

  @Autowired
  ResearchFactors factors;

  /** The application reads the table through its service: codes it does not know are not factors. */
  @Test
  void theServiceCollectsTheFactorsOfTheTableAndIgnoresUnknownCodes() {
    assertThat(factors.assess(java.util.List.of("FAMILY_DOMESTIC_ABUSE", "CHILD_AGED_10_OR_OVER", "NOT_A_FACTOR")))
        .extracting(ResearchFactors.Factor::code)
        .containsExactlyInAnyOrder("FAMILY_DOMESTIC_ABUSE", "CHILD_AGED_10_OR_OVER");
    assertThat(factors.assess(java.util.List.of())).isEmpty();
  }

  @Test
  void aPreviousFailedReturnAloneCallsForEnhancedSupport() {
    assertThat(factors.intensity(factors.assess(java.util.List.of("CARE_PREVIOUS_FAILED_RETURN"))))
        .isEqualTo("ENHANCED");
    assertThat(factors.intensity(factors.assess(java.util.List.of("PROTECTIVE_CHANGED_HOUSEHOLD")))).isEqualTo("STANDARD");
  }
}
