package uk.localgov.reunification.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.WebappLogin;
import uk.localgov.reunification.casework.Cases;

/**
 * Who read a child's case is recorded whatever they read it through: Tasklist, Cockpit, the
 * engine's REST API, the project's API (the chronology, the oversight figures). Administrators
 * read the log and the child's whole record; nobody else does, and nobody changes either.
 */
@ApplicationTest
class ReadLogTest {

  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ReadLog log;
  @Autowired
  TestRestTemplate http;

  String childId;

  @BeforeEach
  void aCaseOfSocialworker1() {
    childId = "READ-" + System.nanoTime() % 1_000_000;
    runtime.startProcessInstanceByKey("unplannedReturn", childId, Cases.with(Cases.careOrderChild(childId),
        "legalStatus", "SECTION_20", "returnDate", java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).toString(),
        "returnReason", "PLACEMENT_BREAKDOWN"));
  }

  List<ReadLog.Read> readsBy(String user) {
    return log.of(childId).stream().filter(read -> read.userId().equals(user)).toList();
  }

  @Test
  void aReadThroughTheEngineRestApiIsRecordedOnceWhileItRepeats() {
    for (int times = 0; times < 3; times++) {
      assertThat(http.withBasicAuth("socialworker1", "socialworker1")
          .getForEntity("/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + childId, String.class).getBody())
          .as("the case's plan, on the social worker's list").contains("completeReturnPlan");
    }

    assertThat(readsBy("socialworker1")).singleElement().satisfies(read -> {
      assertThat(read.what()).isEqualTo("task query");
      assertThat(read.surface()).isEqualTo("engine REST");
    });
  }

  @Test
  void aReadInTasklistAndInCockpitIsRecordedWithItsSurface() {
    String tasklist = WebappLogin.session(http, "tasklist", "socialworker1", "socialworker1");
    // the first home visit, in the case's life at home, where the first-visit decision is kept
    String task = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("firstHomeVisit")
        .singleResult().getId();
    assertThat(webappGet(tasklist, "tasklist", "/camunda/api/engine/engine/default/task/" + task + "/form-variables")
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<String> asTasklistAsks = webappGet(tasklist, "tasklist", "/camunda/api/engine/engine/default/task/"
        + task + "/form-variables?deserializeValues=false");
    assertThat(asTasklistAsks.getStatusCode()).as("serialized values, as Tasklist asks for them: " + asTasklistAsks.getBody())
        .isEqualTo(HttpStatus.OK);
    assertThat(asTasklistAsks.getBody()).contains("firstVisitDecision");
    String cockpit = WebappLogin.session(http, "cockpit", "linemanager1", "linemanager1");
    assertThat(webappGet(cockpit, "cockpit", "/camunda/api/engine/engine/default/process-instance?maxResults=50&businessKey=" + childId)
        .getBody()).contains(childId);

    assertThat(readsBy("socialworker1")).anySatisfy(read -> {
      assertThat(read.surface()).isEqualTo("Tasklist");
      assertThat(read.what()).isEqualTo("get task form variables");
    });
    assertThat(readsBy("linemanager1")).anySatisfy(read -> {
      assertThat(read.surface()).isEqualTo("Cockpit");
      assertThat(read.what()).isEqualTo("process instance query");
    });
  }

  @Test
  void aReadOfTheChronologyAndOfTheOversightFiguresIsRecordedAsTheRequest() {
    assertThat(http.withBasicAuth("socialworker1", "socialworker1")
        .getForEntity("/api/cases/" + childId + "/chronology", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.withBasicAuth("linemanager1", "linemanager1").getForEntity("/api/oversight", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(readsBy("socialworker1")).anySatisfy(read -> {
      assertThat(read.surface()).isEqualTo("API");
      assertThat(read.what()).isEqualTo("GET /api/cases/" + childId + "/chronology");
    });
    assertThat(readsBy("linemanager1")).anySatisfy(read -> assertThat(read.what()).isEqualTo("GET /api/oversight"));
  }

  @Test
  void onlyAnAdministratorReadsTheLogAndTheRecordAndNobodyChangesThem() {
    http.withBasicAuth("socialworker1", "socialworker1").getForEntity("/engine-rest/task?maxResults=50&processInstanceBusinessKey="
        + childId, String.class);

    for (String user : List.of("socialworker1", "linemanager1", "headofservice1", "caserecords")) {
      assertThat(http.withBasicAuth(user, user).getForEntity("/api/cases/" + childId + "/reads", String.class)
          .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.withBasicAuth(user, user).getForEntity("/api/cases/" + childId + "/record", String.class)
          .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    ResponseEntity<Map> reads = http.withBasicAuth("admin", "admin").getForEntity("/api/cases/" + childId + "/reads", Map.class);
    assertThat(reads.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reads.getBody()).containsEntry("childId", childId);
    assertThat((List<Map<String, Object>>) reads.getBody().get("reads")).anySatisfy(read -> {
      assertThat(read).containsEntry("userId", "socialworker1").containsEntry("what", "task query").containsKey("at");
    });
    for (HttpMethod change : List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.POST)) {
      assertThat(http.withBasicAuth("admin", "admin").exchange("/api/cases/" + childId + "/reads", change,
          new HttpEntity<>("{}", json()), String.class).getStatusCode().is4xxClientError()).as(change.name()).isTrue();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSubjectAccessRequestIsAnsweredWithEverythingHeldAboutTheChild() {
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(childId).taskDefinitionKey("completeReturnPlan")
        .singleResult().getId(), Map.of("returnPlan", "Outreach daily; aunt in the evenings"));
    http.withBasicAuth("socialworker1", "socialworker1").getForEntity("/api/cases/" + childId + "/chronology", String.class);

    ResponseEntity<Map> record = http.withBasicAuth("admin", "admin").getForEntity("/api/cases/" + childId + "/record", Map.class);

    assertThat(record.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(record.getBody()).containsEntry("childId", childId).containsEntry("keptUntil", "2090-03-14T00:00:00Z")
        .containsKeys("processes", "chronology", "reads", "generatedAt").containsEntry("generatedBy", "admin");
    List<Map<String, Object>> processes = (List<Map<String, Object>>) record.getBody().get("processes");
    assertThat(processes).anySatisfy(process -> {
      assertThat(process).containsEntry("process", "unplannedReturn");
      assertThat((List<Map<String, Object>>) process.get("values")).anySatisfy(value ->
          assertThat(value).containsEntry("name", "returnPlan").containsEntry("value", "Outreach daily; aunt in the evenings"));
      assertThat((List<Map<String, Object>>) process.get("steps")).anySatisfy(step ->
          assertThat(step).containsEntry("taskKey", "completeReturnPlan").containsEntry("how", "completed"));
    });
    assertThat(processes).anySatisfy(process -> {
      assertThat(process).containsEntry("process", "childAtHome");
      assertThat((List<Map<String, Object>>) process.get("decisions")).anySatisfy(decision ->
          assertThat(decision).containsEntry("decision", "firstVisit"));
    });
    assertThat((List<Map<String, Object>>) record.getBody().get("reads")).anySatisfy(read ->
        assertThat(read).containsEntry("userId", "socialworker1"));

    HttpHeaders html = new HttpHeaders();
    html.setAccept(List.of(MediaType.TEXT_HTML));
    ResponseEntity<String> page = http.withBasicAuth("admin", "admin").exchange("/api/cases/" + childId + "/record",
        HttpMethod.GET, new HttpEntity<>(html), String.class);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("<h1>Record of child " + childId + "</h1>", "Outreach daily; aunt in the evenings",
        "Who read the case");
    assertThat(http.withBasicAuth("admin", "admin").getForEntity("/api/cases/NO-SUCH-CHILD/record", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private static HttpHeaders json() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private ResponseEntity<String> webappGet(String session, String app, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
    headers.add(HttpHeaders.REFERER, http.getRootUri() + "/camunda/app/" + app + "/default/");
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }
}
