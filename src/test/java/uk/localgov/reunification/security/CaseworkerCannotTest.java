package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.Cases;
import uk.localgov.reunification.tasklist.TasklistFilters;

/**
 * What a caseworker (socialworker1, Team North) cannot do over REST, whatever they try: deploy a
 * model, create or change a Tasklist filter, run an expression of their own in a query, or read
 * anything of another team's case (socialworker3's, Team South) through any history resource.
 */
@ApplicationTest
class CaseworkerCannotTest {

  static final String CASEWORKER = "socialworker1";
  static final String OTHER_CHILD = "Morgan Otherteam";

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  FilterService filters;
  @Autowired
  RepositoryService repository;

  TestRestTemplate caseworker;

  @BeforeEach
  void asTheCaseworker() {
    caseworker = http.withBasicAuth(CASEWORKER, CASEWORKER);
  }

  @Test
  void deploy() {
    long deployments = repository.createDeploymentQuery().count();
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "my own process");
    form.add("data", new ByteArrayResource(("<?xml version=\"1.0\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " targetNamespace=\"x\"><process id=\"mine\" isExecutable=\"true\" camunda:historyTimeToLive=\"1\""
        + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"><startEvent id=\"s\"/></process></definitions>")
        .getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "mine.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);

    ResponseEntity<String> answer = caseworker.postForEntity("/engine-rest/deployment/create",
        new HttpEntity<>(form, headers), String.class);

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("mine").count()).isZero();
  }

  @Test
  void createAFilter() {
    long before = filters.createFilterQuery().count();

    ResponseEntity<String> answer = caseworker.postForEntity("/engine-rest/filter/create",
        Map.of("resourceType", "Task", "name", "Every task", "query", Map.of()), String.class);

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(filters.createFilterQuery().count()).isEqualTo(before);
  }

  @Test
  void changeAFilterTheyUse() {
    Filter mine = filters.createFilterQuery().filterName(TasklistFilters.MY_TASKS).singleResult();
    ResponseEntity<String> before = caseworker.getForEntity("/engine-rest/filter/" + mine.getId(), String.class);
    assertThat(before.getStatusCode()).as("they read it").isEqualTo(HttpStatus.OK);

    ResponseEntity<String> answer = caseworker.exchange("/engine-rest/filter/" + mine.getId(), HttpMethod.PUT,
        new HttpEntity<>(Map.of("resourceType", "Task", "name", TasklistFilters.MY_TASKS, "query", Map.of())), String.class);
    ResponseEntity<String> deleted = caseworker.exchange("/engine-rest/filter/" + mine.getId(), HttpMethod.DELETE,
        null, String.class);

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(caseworker.getForEntity("/engine-rest/filter/" + mine.getId(), String.class).getBody())
        .as("unchanged").isEqualTo(before.getBody());
  }

  @Test
  void useAnExpressionInAQuery() {
    ResponseEntity<String> get = caseworker.getForEntity("/engine-rest/task?assigneeExpression={e}", String.class,
        "${currentUser()}");
    ResponseEntity<String> post = caseworker.postForEntity("/engine-rest/task",
        Map.of("candidateGroupsExpression", "${currentUserGroups()}"), String.class);
    ResponseEntity<String> count = caseworker.getForEntity("/engine-rest/task/count?dueBeforeExpression={e}", String.class,
        "${now()}");
    Filter mine = filters.createFilterQuery().filterName(TasklistFilters.MY_TASKS).singleResult();
    ResponseEntity<String> throughAFilter = caseworker.postForEntity("/engine-rest/filter/" + mine.getId() + "/list",
        Map.of("assigneeExpression", "${'socialworker3'}"), String.class);

    for (ResponseEntity<String> answer : List.of(get, post, count, throughAFilter)) {
      assertThat(answer.getStatusCode().value()).as(answer.toString()).isIn(400, 403);
    }
  }

  /** A case of socialworker3 (Team South) with iro1, at the IRO's review, with history of every kind. */
  ProcessInstance anotherTeamsCase(String childId) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn",
        Cases.with(Cases.careOrderChild(childId), "socialWorker", "socialworker3", "childName", OTHER_CHILD));
    complete(childId, "completeAssessment", Map.of("assessmentSummary", "Assessment of " + OTHER_CHILD));
    // over REST as its social worker, so that the operation log records it too
    Task plan = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("compileReturnPlan")
        .singleResult();
    ResponseEntity<String> done = http.withBasicAuth("socialworker3", "socialworker3").postForEntity(
        "/engine-rest/task/" + plan.getId() + "/complete",
        Map.of("variables", Map.of("returnPlan", Map.of("value", "Plan for " + OTHER_CHILD))), String.class);
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    return instance;
  }

  void complete(String childId, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey(taskKey).singleResult();
    tasks.setAssignee(task.getId(), "socialworker3");
    tasks.complete(task.getId(), variables);
  }

  List<String> historyOf(ProcessInstance instance) {
    String id = instance.getId();
    String otherTaskId = tasks.createTaskQuery().processInstanceId(id).list().get(0).getId();
    String key = instance.getBusinessKey();
    return List.of(
        "/engine-rest/history/variable-instance?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/variable-instance?maxResults=100&processInstanceIdIn=" + id,
        "/engine-rest/history/detail?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/user-operation?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/identity-link-log?maxResults=100&processDefinitionKey=plannedReturn&userId=socialworker3",
        "/engine-rest/history/identity-link-log?maxResults=100&taskId=" + otherTaskId,
        "/engine-rest/history/decision-instance?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/activity-instance?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/job-log?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/incident?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/process-instance?maxResults=100&processInstanceBusinessKey=" + key,
        "/engine-rest/history/process-instance?maxResults=100&processInstanceIds=" + id,
        "/engine-rest/history/task?maxResults=100&processInstanceBusinessKey=" + key,
        "/engine-rest/history/task?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/external-task-log?maxResults=100&processInstanceId=" + id,
        "/engine-rest/history/process-instance/" + id,
        "/engine-rest/history/process-instance/" + id + "/variables");
  }

  @Test
  void readAnotherTeamsCaseThroughHistory() {
    ProcessInstance instance = anotherTeamsCase("CANNOT-HISTORY");
    assertThat(http.withBasicAuth("admin", "admin").getForEntity(
        "/engine-rest/history/variable-instance?maxResults=100&processInstanceId=" + instance.getId(), String.class).getBody())
        .as("there is history to find").contains(OTHER_CHILD);
    for (String resource : List.of("detail", "decision-instance", "activity-instance", "task", "user-operation")) {
      assertThat(http.withBasicAuth("admin", "admin").getForEntity(
          "/engine-rest/history/" + resource + "?maxResults=100&processInstanceId=" + instance.getId(), String.class).getBody())
          .as("an administrator finds the case's " + resource).contains(instance.getId());
    }

    for (String path : historyOf(instance)) {
      ResponseEntity<String> answer = caseworker.getForEntity(path, String.class);
      assertThat(answer.getStatusCode().value()).as(path + " " + answer.getBody()).isIn(200, 403, 404);
      assertThat(answer.getBody()).as(path).doesNotContain(OTHER_CHILD).doesNotContain("socialworker3");
      if (answer.getStatusCode().value() == 200) {
        assertThat(answer.getBody()).as(path).isEqualTo("[]");
      }
    }
  }

  /** Unfiltered, each history resource shows the caseworker's own cases only. */
  @Test
  void findAnotherTeamsCaseInTheWholeHistory() {
    ProcessInstance instance = anotherTeamsCase("CANNOT-ALL");

    for (String resource : List.of("variable-instance", "detail", "user-operation", "identity-link-log",
        "decision-instance", "activity-instance", "job-log", "incident", "process-instance", "task")) {
      ResponseEntity<String> answer = caseworker.getForEntity("/engine-rest/history/" + resource + "?maxResults=2000",
          String.class);
      assertThat(answer.getStatusCode().value()).as(resource + " " + answer.getBody()).isIn(200, 403);
      assertThat(answer.getBody()).as(resource).doesNotContain(OTHER_CHILD).doesNotContain(instance.getId())
          .doesNotContain("\"socialworker3\"");
    }
  }

  @ParameterizedTest(name = "count of {0}")
  @ValueSource(strings = {"variable-instance", "detail", "user-operation", "decision-instance", "activity-instance",
      "job-log", "incident", "process-instance", "task"})
  void countAnotherTeamsCaseThroughHistory(String resource) {
    ProcessInstance instance = anotherTeamsCase("CANNOT-COUNT-" + resource);

    ResponseEntity<String> answer = caseworker.getForEntity(
        "/engine-rest/history/" + resource + "/count?processInstanceId=" + instance.getId(), String.class);

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isIn(200, 403);
    if (answer.getStatusCode().value() == 200) {
      assertThat(answer.getBody()).isEqualTo("{\"count\":0}");
    }
  }
}
