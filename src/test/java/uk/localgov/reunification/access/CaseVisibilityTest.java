package uk.localgov.reunification.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.Cases;

/**
 * These are children's care records: each person sees only the children who are theirs to see,
 * through every REST resource that could carry a child's name, and the project's own API.
 */
@ApplicationTest
class CaseVisibilityTest {

  static final String CHILD_NAME = "Robin Visibility";

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;

  /** A case of socialworker1 (Team North, line manager linemanager1) with iro1, at the IRO's review. */
  ProcessInstance caseAtReview(String childId) {
    Map<String, Object> child = Cases.with(Cases.careOrderChild(childId), "childName", CHILD_NAME);
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", child);
    complete(childId, "completeAssessment", Map.of("assessmentSummary", "Assessment"));
    complete(childId, "compileReturnPlan", Map.of("returnPlan", "Plan"));
    return instance;
  }

  void complete(String childId, String taskKey, Map<String, Object> variables) {
    uk.localgov.reunification.CaseWork.complete(tasks, childId, taskKey, variables);
  }

  ResponseEntity<String> get(String user, String path) {
    // a REST list is asked for a page at a time, as the engine's query limit requires
    boolean list = path.startsWith("/engine-rest/") && path.contains("?") && !path.contains("maxResults");
    return http.withBasicAuth(user, user).getForEntity(list ? path + "&maxResults=100" : path, String.class);
  }

  /** What a person can read of the case through every resource that could carry the child's details. */
  List<ResponseEntity<String>> everythingAbout(String user, ProcessInstance instance) {
    String id = instance.getId();
    String key = instance.getBusinessKey();
    return List.of(
        get(user, "/engine-rest/task?processInstanceBusinessKey=" + key),
        get(user, "/engine-rest/process-instance?businessKey=" + key),
        get(user, "/engine-rest/variable-instance?processInstanceIdIn=" + id),
        get(user, "/engine-rest/process-instance/" + id + "/variables"),
        get(user, "/engine-rest/history/process-instance?processInstanceBusinessKey=" + key),
        get(user, "/engine-rest/history/variable-instance?processInstanceId=" + id),
        get(user, "/engine-rest/history/task?processInstanceBusinessKey=" + key),
        get(user, "/engine-rest/history/detail?processInstanceId=" + id),
        get(user, "/engine-rest/history/activity-instance?processInstanceId=" + id),
        get(user, "/engine-rest/execution?processInstanceId=" + id),
        get(user, "/engine-rest/incident?processInstanceId=" + id),
        get(user, "/api/cases/" + key + "/allocation"));
  }

  @ParameterizedTest(name = "{0} sees the case")
  @ValueSource(strings = {"socialworker1", "linemanager1", "iro1", "admin"})
  void thePeopleOfTheCaseSeeIt(String user) {
    ProcessInstance instance = caseAtReview("VIS-SEE-" + user);

    for (ResponseEntity<String> answer : everythingAbout(user, instance)) {
      assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    }
    assertThat(get(user, "/engine-rest/variable-instance?processInstanceIdIn=" + instance.getId()).getBody())
        .contains(CHILD_NAME);
    assertThat(get(user, "/engine-rest/history/task?processInstanceBusinessKey=" + instance.getBusinessKey()).getBody())
        .contains("completeAssessment", "preReturnReview");
  }

  @ParameterizedTest(name = "{0} does not see the case")
  @ValueSource(strings = {"socialworker2", "socialworker3", "linemanager2", "iro2", "servicemanager1", "headofservice1",
      "cincoordinator1"})
  void nobodyElseSeesAnythingOfIt(String user) {
    ProcessInstance instance = caseAtReview("VIS-HIDE-" + user);

    for (ResponseEntity<String> answer : everythingAbout(user, instance)) {
      assertThat(answer.getStatusCode().value()).as(answer.toString()).isIn(200, 403, 404);
      assertThat(answer.getBody()).as(answer.toString()).doesNotContain(CHILD_NAME).doesNotContain("Assessment");
      if (answer.getStatusCode().value() == 200) {
        assertThat(answer.getBody()).as(answer.toString()).isEqualTo("[]");
      }
    }
  }

  @Test
  void theHeadOfServiceSeesTheRatificationAndTheCaseFollowsWhenTheIroIsDone() {
    ProcessInstance instance = caseAtReview("VIS-HOS");
    complete(instance.getBusinessKey(), "preReturnReview", Map.of("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));

    assertThat(get("headofservice1", "/engine-rest/task?processInstanceBusinessKey=" + instance.getBusinessKey())
        .getBody()).contains("ratifyDecision");
    assertThat(get("headofservice1", "/engine-rest/process-instance?businessKey=" + instance.getBusinessKey()).getBody())
        .as("the ratification, in Cockpit too").contains("\"definitionKey\":\"ratification\"")
        .doesNotContain("\"definitionKey\":\"plannedReturn\"");
    assertThat(get("headofservice2", "/engine-rest/task").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(get("socialworker2", "/engine-rest/task?processInstanceBusinessKey=" + instance.getBusinessKey())
        .getBody()).isEqualTo("[]");
  }

  @Test
  void onlySocialWorkersStartReturns() {
    Map<String, Object> body = Map.of("variables", Map.of("childId", Map.of("value", "VIS-START")));
    for (String user : List.of("iro1", "linemanager1", "headofservice1", "cincoordinator1", "servicemanager1")) {
      ResponseEntity<String> answer = http.withBasicAuth(user, user)
          .postForEntity("/engine-rest/process-definition/key/plannedReturn/start", body, String.class);
      assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  @Test
  void aLineManagerReallocatesTheCaseAndItsWorkAndVisibilityFollow() {
    ProcessInstance instance = caseAtReview("VIS-MOVE");
    complete(instance.getBusinessKey(), "preReturnReview", Map.of("reviewOutcome", "REVISE_PLAN",
        "reviewReasons", "The plan does not say who supports the parent in the evenings"));
    String key = instance.getBusinessKey();
    assertThat(get("socialworker1", "/engine-rest/task?processInstanceBusinessKey=" + key).getBody()).contains("compileReturnPlan");

    ResponseEntity<String> moved = http.withBasicAuth("linemanager1", "linemanager1").exchange(
        "/api/cases/" + key + "/reallocation", HttpMethod.POST,
        new HttpEntity<>(Map.of("role", "socialWorker", "userId", "socialworker2")), String.class);

    assertThat(moved.getStatusCode()).as(moved.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(moved.getBody()).contains("\"socialWorker\":\"socialworker2\"", "\"from\":\"socialworker1\"",
        "\"to\":\"socialworker2\"", "\"by\":\"linemanager1\"");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey("compileReturnPlan")
        .singleResult().getAssignee()).isEqualTo("socialworker2");
    assertThat(get("socialworker2", "/engine-rest/variable-instance?processInstanceIdIn=" + instance.getId()).getBody())
        .contains(CHILD_NAME);
    assertThat(get("socialworker2", "/engine-rest/task?processInstanceBusinessKey=" + key).getBody())
        .contains("compileReturnPlan");
    for (ResponseEntity<String> answer : everythingAbout("socialworker1", instance)) {
      assertThat(answer.getBody()).as(answer.toString()).doesNotContain(CHILD_NAME);
    }
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).variableUpdates().list())
        .as("history keeps both holders")
        .filteredOn(detail -> "socialWorker".equals(((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName()))
        .extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getValue())
        .contains("socialworker1", "socialworker2");
  }

  @Test
  void reallocationIsRefusedClearlyToThoseWhoMayNotAndForWhatCannotBe() {
    String key = caseAtReview("VIS-NOMOVE").getBusinessKey();
    Map<String, String> toWorker2 = Map.of("role", "socialWorker", "userId", "socialworker2");

    assertThat(post("socialworker1", key, toWorker2).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("linemanager2", key, toWorker2).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("linemanager1", "NO-SUCH-CHILD", toWorker2).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> notASocialWorker = post("linemanager1", key, Map.of("role", "socialWorker", "userId", "iro2"));
    assertThat(notASocialWorker.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notASocialWorker.getBody()).contains("'socialWorker' must be a member of socialworkers");
    assertThat(post("linemanager1", key, Map.of("role", "headOfService", "userId", "x")).getBody())
        .contains("'role' must be one of iro, socialWorker");
    assertThat(http.postForEntity("/api/cases/" + key + "/reallocation", toWorker2, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void anAdministratorCanReallocateTheIro() {
    String key = caseAtReview("VIS-IRO").getBusinessKey();

    ResponseEntity<String> moved = post("admin", key, Map.of("role", "iro", "userId", "iro2"));

    assertThat(moved.getStatusCode()).as(moved.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey("preReturnReview")
        .singleResult().getAssignee()).isEqualTo("iro2");
    assertThat(get("iro1", "/engine-rest/task?processInstanceBusinessKey=" + key).getBody()).isEqualTo("[]");
  }

  ResponseEntity<String> post(String user, String key, Map<String, String> body) {
    return http.withBasicAuth(user, user).postForEntity("/api/cases/" + key + "/reallocation", body, String.class);
  }
}
