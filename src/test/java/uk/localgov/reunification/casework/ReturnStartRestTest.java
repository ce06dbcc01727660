package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/**
 * Contract (start variables, user tasks): over HTTP, a start or a completion with a missing or
 * invalid variable is refused with a 400 that names it, and leaves nothing behind.
 */
@ApplicationTest
class ReturnStartRestTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;
  @Autowired
  TaskService tasks;

  static Map<String, Object> typed(Map<String, Object> values) {
    return Map.of("variables", Cases.restVariables(values));
  }

  ResponseEntity<String> start(Map<String, Object> variables) {
    return http.withBasicAuth("socialworker1", "socialworker1")
        .postForEntity("/engine-rest/process-definition/key/plannedReturn/start", typed(variables), String.class);
  }

  void assertRefused(ResponseEntity<String> answer, String childId, String message) {
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains(message);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).count()).isZero();
  }

  /** Contract (wave 2): a start takes only its start variables; the decision's own answers cannot be given. */
  @Test
  void aStartThatGivesMoreThanItsStartVariablesIsRefusedNamingTheVariable() {
    ResponseEntity<String> answer = start(Cases.with(Cases.careOrderChild("HTTP-EXTRA-1"), "firstVisitWithinDays", 99));

    assertRefused(answer, "HTTP-EXTRA-1", "'firstVisitWithinDays' is not a start variable of plannedReturn");
  }

  @Test
  void aSocialWorkerStartsAPlannedReturnOverHttp() {
    ResponseEntity<String> answer = start(Cases.careOrderChild("HTTP-OK-1"));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody()).contains("\"businessKey\":\"HTTP-OK-1\"");
  }

  @Test
  void aStartWithoutTheChildsNameIsRefused() {
    Map<String, Object> child = Cases.careOrderChild("HTTP-NONAME");
    child.remove("childName");

    assertRefused(start(child), "HTTP-NONAME", "'childName' is required");
  }

  @Test
  void aStartWithAnUnknownLegalStatusIsRefused() {
    assertRefused(start(Cases.with(Cases.careOrderChild("HTTP-STATUS"), "legalStatus", "FOSTERED")),
        "HTTP-STATUS", "'legalStatus' must be one of CARE_ORDER, INTERIM_CARE_ORDER, SECTION_20");
  }

  @Test
  void aStartWithABirthDateInTheFutureIsRefused() {
    assertRefused(start(Cases.with(Cases.careOrderChild("HTTP-DOB"), "dateOfBirth", "2999-01-01")),
        "HTTP-DOB", "'dateOfBirth' must not be in the future");
  }

  @Test
  void aStartWithAnImpossibleDateIsRefused() {
    assertRefused(start(Cases.with(Cases.careOrderChild("HTTP-DATE"), "dateOfBirth", "2015-02-30")),
        "HTTP-DATE", "'dateOfBirth' must be a real date");
  }

  @Test
  void aStartWithNegativeWeeksIsRefused() {
    assertRefused(start(Cases.with(Cases.careOrderChild("HTTP-WEEKS"), "weeksAccommodated", -1)),
        "HTTP-WEEKS", "'weeksAccommodated' must be 0 or more");
  }

  @Test
  void aStartWithABadCaseReferenceIsRefused() {
    Map<String, Object> child = Cases.careOrderChild("HTTP REF");
    ResponseEntity<String> answer = start(child);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("'childId' must be 1 to 64 letters, digits or -");
  }

  @Test
  void aStartAllocatedToSomeoneWhoIsNotASocialWorkerIsRefused() {
    assertRefused(start(Cases.with(Cases.careOrderChild("HTTP-SW"), "socialWorker", "iro1")),
        "HTTP-SW", "'socialWorker' must be a member of socialworkers");
  }

  @Test
  void aStartWithAnIroWhoIsNotAnIroIsRefused() {
    assertRefused(start(Cases.with(Cases.careOrderChild("HTTP-IRO"), "iro", "socialworker2")),
        "HTTP-IRO", "'iro' must be a member of iros");
  }

  @Test
  void aSecondActiveReturnForTheSameChildIsRefused() {
    assertThat(start(Cases.careOrderChild("HTTP-TWICE")).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> second = start(Cases.careOrderChild("HTTP-TWICE"));

    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(second.getBody()).contains("'childId' 'HTTP-TWICE' already has an active return home");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("HTTP-TWICE")
        .processDefinitionKey("plannedReturn").count()).isEqualTo(1);
  }

  @Test
  void aTaskCompletedWithoutItsRecordIsRefusedAndStaysOpen() {
    start(Cases.careOrderChild("HTTP-TASK"));
    Task assessment = tasks.createTaskQuery().processInstanceBusinessKey("HTTP-TASK")
        .taskDefinitionKey("completeAssessment").singleResult();

    ResponseEntity<String> answer = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        "/engine-rest/task/" + assessment.getId() + "/complete", typed(Map.of("assessmentSummary", " ")), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("'assessmentSummary' is required");
    assertThat(tasks.createTaskQuery().taskId(assessment.getId()).count()).isEqualTo(1);

    ResponseEntity<String> submitted = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        "/engine-rest/task/" + assessment.getId() + "/submit-form",
        typed(Map.of("assessmentSummary", "Parents engaged; sibling rivalry to watch")), String.class);
    assertThat(submitted.getStatusCode().is2xxSuccessful()).isTrue();
  }

  @Test
  void aStartFromTheStartFormIsCheckedTheSameWay() {
    Map<String, Object> child = Cases.careOrderChild("HTTP-FORM");
    child.remove("iro");
    ResponseEntity<String> answer = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        "/engine-rest/process-definition/key/plannedReturn/submit-form", typed(child), String.class);

    assertRefused(answer, "HTTP-FORM", "'iro' is required");
  }
}
