package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/**
 * Contract (the case, seen whole): {@code GET /api/cases/{childId}/chronology} gives the people who
 * may see a case its steps with who did them and what they recorded, its reported events and its open
 * work, oldest first; everyone else gets 404, as for a child with no case.
 */
@ApplicationTest
class CaseChronologyTest extends ProcessTest {

  @Autowired
  TestRestTemplate http;

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> entries(String user, String childId) {
    ResponseEntity<Map> answer = http.withBasicAuth(user, user).getForEntity("/api/cases/" + childId + "/chronology", Map.class);
    assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    return (List<Map<String, Object>>) answer.getBody().get("entries");
  }

  @Test
  void thePeopleOfTheCaseReadItsStepsEventsAndOpenWorkOldestFirst() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("CHR-")));
    String childId = instance.getBusinessKey();
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother's capacity assessed; grandmother nearby"));
    ResponseEntity<String> reported = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        "/engine-rest/process-definition/key/reportCaseEvent/start", Map.of("variables", Map.of(
            "childId", Map.of("value", childId, "type", "String"),
            "caseEvent", Map.of("value", "WelfareConcernRaised", "type", "String"),
            "eventDetails", Map.of("value", "School reports the child hungry", "type", "String"))), String.class);
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.OK);
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        job("ServiceTask_OpenRaisedConcern", instance));

    List<Map<String, Object>> entries = entries("socialworker1", childId);

    assertThat(entries).extracting(entry -> entry.get("what")).startsWith("Planned return home started",
        "Complete Children and Families Assessment");
    assertThat(entries.get(1)).containsEntry("by", "socialworker1").containsEntry("taskKey", "completeAssessment")
        .containsEntry("values", Map.of("assessmentSummary", "Mother's capacity assessed; grandmother nearby"));
    assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("what", "Case event reported: WelfareConcernRaised")
        .containsEntry("by", "socialworker1"));
    assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("what", "Escalate welfare concern started"));
    assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("what", "Open: Review welfare concern")
        .containsEntry("by", "linemanager1"));
    assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("what", "Open: Compile return plan")
        .containsEntry("taskKey", "compileReturnPlan"));
    assertThat(entries).extracting(entry -> (String) entry.get("at")).isSorted();
    assertThat(entries("linemanager1", childId)).hasSameSizeAs(entries);
    assertThat(entries("admin", childId)).hasSameSizeAs(entries);
  }

  @SuppressWarnings("unchecked")
  @Test
  void theChronologyShowsTheStageTheResearchFactorsAndEachReallocation() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("CHR-")));
    String childId = instance.getBusinessKey();
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Assessed", "factorsPresent",
        org.camunda.spin.Spin.JSON("[\"FAMILY_SUBSTANCE_MISUSE\"]")));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Plan", "factorResponses",
        org.camunda.spin.Spin.JSON("{\"FAMILY_SUBSTANCE_MISUSE\": \"Drug service weekly; testing agreed\"}")));
    ResponseEntity<String> moved = http.withBasicAuth("linemanager1", "linemanager1").postForEntity(
        "/api/cases/" + childId + "/reallocation", Map.of("role", "iro", "userId", "iro2"), String.class);
    assertThat(moved.getStatusCode()).as(moved.getBody()).isEqualTo(HttpStatus.OK);

    Map<String, Object> chronology = http.withBasicAuth("socialworker1", "socialworker1")
        .getForObject("/api/cases/" + childId + "/chronology", Map.class);

    assertThat(chronology).containsEntry("stage", "Review by the IRO");
    assertThat((List<Map<String, Object>>) chronology.get("factors")).singleElement().satisfies(factor ->
        assertThat(factor).containsEntry("code", "FAMILY_SUBSTANCE_MISUSE")
            .containsEntry("response", "Drug service weekly; testing agreed"));
    List<Map<String, Object>> entries = (List<Map<String, Object>>) chronology.get("entries");
    assertThat(entries).anySatisfy(entry -> assertThat(entry).containsEntry("what", "Reallocated iro from iro1 to iro2")
        .containsEntry("by", "linemanager1"));
    assertThat(entries("admin", childId)).hasSameSizeAs(entries);
  }

  @Test
  void nobodyElseReadsTheCase() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("CHR-")));
    String path = "/api/cases/" + instance.getBusinessKey() + "/chronology";

    for (String outsider : List.of("socialworker3", "linemanager2", "iro2", "caserecords")) {
      assertThat(http.withBasicAuth(outsider, outsider).getForEntity(path, String.class).getStatusCode())
          .as(outsider).isEqualTo(HttpStatus.NOT_FOUND);
    }
    assertThat(http.withBasicAuth("socialworker1", "socialworker1").getForEntity("/api/cases/CHR-NOBODY/chronology",
        String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
