package uk.localgov.reunification.sso;

import uk.localgov.testprovider.TestProvider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.records.ReadLog;
import uk.localgov.reunification.security.LoginThrottle;
import uk.localgov.reunification.security.ThrottleForTests;

/**
 * Profile sso over {@code /engine-rest} and {@code /api}: tokens from the provider, the directory
 * deciding who the caller is on every request.
 */
class SsoBearerTokenTest extends SsoContext {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  ManagementService jobs;
  @Autowired
  ReadLog readLog;
  @Autowired
  LoginThrottle throttle;

  ResponseEntity<String> call(HttpMethod method, String path, String token, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (token != null) {
      headers.setBearerAuth(token);
    }
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  static Map<String, Object> typed(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value,
        "type", value instanceof Integer ? "Integer" : value instanceof Boolean ? "Boolean" : "String")));
    return variables;
  }

  static Map<String, Object> unplannedChild(String childId, String socialWorker) {
    Map<String, Object> child = new LinkedHashMap<>();
    child.put("childId", childId);
    child.put("childName", "Test Child " + childId);
    child.put("dateOfBirth", "2015-03-14");
    child.put("legalStatus", "CARE_ORDER");
    child.put("weeksAccommodated", 30);
    child.put("eligibleChild", false);
    child.put("socialWorker", socialWorker);
    child.put("iro", "ira.reviewer");
    child.put("returnDate", java.time.LocalDate.now().minusDays(1).toString());
    child.put("returnReason", "PLACEMENT_BREAKDOWN");
    return child;
  }

  String startedByTheCaseRecordSystem(String prefix, String socialWorker) {
    String childId = prefix + System.nanoTime() % 1000000;
    ResponseEntity<String> started = call(HttpMethod.POST, REST + "/process-definition/key/unplannedReturn/start",
        TOKENS.clientCredentials(TestProvider.CASE_RECORDS), Map.of("variables", typed(unplannedChild(childId, socialWorker))));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    return childId;
  }

  boolean reads(String token, String childId) {
    ResponseEntity<String> answer = call(HttpMethod.GET, REST + "/process-instance?businessKey=" + childId
        + "&firstResult=0&maxResults=10", token, null);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return answer.getBody().contains(childId);
  }

  @Test
  void theCaseRecordSystemStartsAReturnAndSendsAnEventWithItsClientCredentials() {
    String childId = startedByTheCaseRecordSystem("SSO-START-", "sam.north");

    ResponseEntity<String> event = call(HttpMethod.POST, REST + "/message",
        TOKENS.clientCredentials(TestProvider.CASE_RECORDS), Map.of("messageName", "WelfareConcernRaised",
            "businessKey", childId, "processVariables", typed(Map.of("concernDetails", "Neighbour heard shouting"))));

    assertThat(event.getStatusCode().is2xxSuccessful()).as(event.getBody()).isTrue();
    ProcessInstance theCase = runtime.createProcessInstanceQuery().processInstanceBusinessKey(childId)
        .processDefinitionKey("unplannedReturn").singleResult();
    assertThat(theCase).isNotNull();
    assertThat(runtime.getVariable(theCase.getId(), "team")).as("the team the directory puts the worker in").isEqualTo("teamnorth");
  }

  @Test
  void aTokenWithoutTheApplicationsGroupIsRefused() {
    ResponseEntity<String> system = call(HttpMethod.GET, REST + "/task?firstResult=0&maxResults=10",
        TOKENS.clientCredentials(TestProvider.STRANGER), null);
    // vic.visitor is in the directory, but the provider has not given them this application
    ResponseEntity<String> person = call(HttpMethod.GET, REST + "/task?firstResult=0&maxResults=10",
        TOKENS.person("vic.visitor"), null);

    assertThat(system.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(person.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(HttpMethod.GET, REST + "/task?firstResult=0&maxResults=10", TOKENS.person("sam.north"), null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void anExpiredOrWronglySignedTokenIsRefused() {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    String expired = TestProvider.signedByTheProvider(
        TestProvider.personClaims(ISSUER, "sam.north", twoHoursAgo, Duration.ofMinutes(5)));
    String forged = TestProvider.signedByAnotherKey(
        TestProvider.personClaims(ISSUER, "sam.north", Instant.now(), Duration.ofMinutes(5)));
    String inDate = TestProvider.signedByTheProvider(
        TestProvider.personClaims(ISSUER, "sam.north", Instant.now(), Duration.ofMinutes(5)));

    for (String path : List.of(REST + "/task?firstResult=0&maxResults=10", "/api/oversight")) {
      assertThat(call(HttpMethod.GET, path, expired, null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(call(HttpMethod.GET, path, forged, null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(call(HttpMethod.GET, path, "not-a-token", null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(call(HttpMethod.GET, path, null, null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(call(HttpMethod.GET, REST + "/task?firstResult=0&maxResults=10", inDate, null).getStatusCode())
        .as("the same claims, in date and signed by the provider").isEqualTo(HttpStatus.OK);
  }

  @Test
  void noLocalPasswordWorksNotEvenTheAdministrators() {
    // ada.admin's directory password would bind to the directory: neither the REST API nor the webapps' login take it
    ResponseEntity<String> rest = http.withBasicAuth("ada.admin", "ada.admin")
        .getForEntity(REST + "/user?firstResult=0&maxResults=10", String.class);
    HttpHeaders form = new HttpHeaders();
    form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> webapp = http.exchange("/camunda/api/admin/auth/user/sso/login/admin", HttpMethod.POST,
        new HttpEntity<>("username=ada.admin&password=ada.admin", form), String.class);
    ResponseEntity<String> verify = http.postForEntity(REST + "/identity/verify",
        Map.of("username", "ada.admin", "password", "ada.admin"), String.class);

    assertThat(rest.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(webapp.getStatusCode().value()).isIn(401, 403);
    assertThat(webapp.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    assertThat(verify.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aLineManagerMovedToAnotherTeamSeesThatTeamsCasesOnlyWithoutARestart() {
    String north = startedByTheCaseRecordSystem("SSO-NORTH-", "ray.north");
    String south = startedByTheCaseRecordSystem("SSO-SOUTH-", "kim.south");
    String leeBefore = TOKENS.person("lee.north");
    assertThat(reads(leeBefore, north)).isTrue();
    assertThat(reads(leeBefore, south)).isFalse();

    TestDirectory.move("lee.north", "teamnorth", "teamsouth");
    try {
      // the same token: the directory, not the token, says which team
      assertThat(reads(leeBefore, south)).isTrue();
      assertThat(reads(leeBefore, north)).isFalse();
    } finally {
      TestDirectory.move("lee.north", "teamsouth", "teamnorth");
      reads(leeBefore, north);
    }
  }

  @Test
  void aLeaverIsRefusedOnTheirNextRequestAndTheirOpenWorkIsListedForTheirLineManager() {
    String childId = startedByTheCaseRecordSystem("SSO-LEAVER-", "pat.north");
    String pat = TOKENS.person("pat.north");
    assertThat(reads(pat, childId)).isTrue();
    List<Task> openWork = tasks.createTaskQuery().processInstanceBusinessKey(childId).taskAssignee("pat.north").list();
    assertThat(openWork).isNotEmpty();
    assertThat(authorizations.createAuthorizationQuery().userIdIn("pat.north").count()).isPositive();

    TestDirectory.remove("pat.north");

    ResponseEntity<String> next = call(HttpMethod.GET, REST + "/task?firstResult=0&maxResults=10", pat, null);
    assertThat(next.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(authorizations.createAuthorizationQuery().userIdIn("pat.north").count()).as("their grants").isZero();
    ResponseEntity<String> teamWork = call(HttpMethod.GET, REST + "/task?assignee=pat.north&firstResult=0&maxResults=50",
        TOKENS.person("lee.north"), null);
    assertThat(teamWork.getStatusCode()).isEqualTo(HttpStatus.OK);
    openWork.forEach(task -> assertThat(teamWork.getBody()).contains(task.getId()));
  }

  void complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as(taskKey).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  /** A planned return home on 2 March 2026 of a child of sam.north, whose first visit is due by the 9th. */
  ProcessInstance plannedReturnHome(String childId) {
    Map<String, Object> child = new LinkedHashMap<>(unplannedChild(childId, "sam.north"));
    child.remove("returnDate");
    child.remove("returnReason");
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", childId, child);
    complete(instance.getId(), "completeAssessment", Map.of("assessmentSummary", "Mother has engaged with parenting work"));
    complete(instance.getId(), "compileReturnPlan", Map.of("returnPlan", "Family support twice weekly"));
    complete(instance.getId(), "preReturnReview", Map.of("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    ProcessInstance ratification = runtime.createProcessInstanceQuery().processDefinitionKey("ratification")
        .processInstanceBusinessKey(childId).singleResult();
    complete(ratification.getId(), "ratifyDecision", Map.of("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", false));
    complete(instance.getId(), "confirmReturnHome", Map.of("returnDate", "2026-03-02"));
    return instance;
  }

  /** The case's life at home, where its first visit is. */
  String atHome(ProcessInstance theReturn) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(theReturn.getId()).singleResult().getId();
  }

  @Test
  void theChaseOfAnOverdueVisitGoesToTheLineManagerTheDirectoryNames() {
    ProcessInstance north;
    ProcessInstance moved;
    try {
      ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2026-03-02 09:00:00"));
      north = plannedReturnHome("SSO-CHASE-N" + System.nanoTime() % 100000);
      moved = plannedReturnHome("SSO-CHASE-S" + System.nanoTime() % 100000);
      ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2026-03-10 00:00:00"));
      jobs.executeJob(jobs.createJobQuery().processInstanceId(atHome(north)).activityId("Timer_FirstVisitOverdue")
          .singleResult().getId());
      // the directory moves sam.north to Team South before the second case's visit is chased
      TestDirectory.move("sam.north", "teamnorth", "teamsouth");
      jobs.executeJob(jobs.createJobQuery().processInstanceId(atHome(moved)).activityId("Timer_FirstVisitOverdue")
          .singleResult().getId());
    } finally {
      ClockUtil.reset();
      if (TestDirectory.isIn("sam.north", "teamsouth")) {
        TestDirectory.move("sam.north", "teamsouth", "teamnorth");
      }
    }

    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(north.getBusinessKey()).taskDefinitionKey("chaseOverdueWork")
        .singleResult().getAssignee()).isEqualTo("lee.north");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(moved.getBusinessKey()).taskDefinitionKey("chaseOverdueWork")
        .singleResult().getAssignee()).isEqualTo("max.south");
  }

  @Test
  void theReadLogRecordsThePersonsDirectoryId() {
    String childId = startedByTheCaseRecordSystem("SSO-READ-", "sam.north");

    ResponseEntity<String> read = call(HttpMethod.GET, REST + "/task?maxResults=50&processInstanceBusinessKey=" + childId,
        TOKENS.person("sam.north"), null);

    assertThat(read.getBody()).contains("completeReturnPlan");
    assertThat(readLog.of(childId)).anySatisfy(entry -> {
      assertThat(entry.userId()).isEqualTo("sam.north");
      assertThat(entry.surface()).isEqualTo("engine REST");
    });
  }

  @Test
  void failedTokensFromOneAddressAreThrottledAsFailedPasswordsAre() {
    String forged = TestProvider.signedByAnotherKey(
        TestProvider.personClaims(ISSUER, "sam.north", Instant.now(), Duration.ofMinutes(5)));
    ThrottleForTests.forgetAll(throttle);
    try {
      for (int i = 0; i < ThrottleForTests.maxFailures(throttle); i++) {
        assertThat(call(HttpMethod.GET, REST + "/task?maxResults=10", forged, null).getStatusCode())
            .isEqualTo(HttpStatus.UNAUTHORIZED);
      }
      ResponseEntity<String> blocked = call(HttpMethod.GET, REST + "/task?maxResults=10", TOKENS.person("sam.north"), null);
      assertThat(blocked.getStatusCode()).as("even a good token, from that address").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    } finally {
      ThrottleForTests.forgetAll(throttle);
    }
  }
}
