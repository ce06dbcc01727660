package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.with;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.WebappLogin;
import uk.localgov.reunification.casework.TextBounds;
import uk.localgov.reunification.records.ReadLog;

/**
 * Contract, wave 3 (bounds on what callers send): each attack tried with the demo logins after the
 * second wave, sent over HTTP as the attacker sent it, is refused, and nothing changed: the cases
 * are still open, their dates and record as they were.
 */
@ApplicationTest
class OneCallOneChildTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  IdentityService identity;
  @Autowired
  ReadLog readLog;
  @LocalServerPort
  int port;

  @BeforeEach
  void onTodaysDate() {
    ClockUtil.reset();
  }

  static String today() {
    return LocalDate.now(ZoneId.of("Europe/London")).toString();
  }

  static String newChildId(String prefix) {
    return prefix + System.nanoTime() % 100_000_000;
  }

  /** A child who went home unplanned today, on a care order, with socialworker1 (Team North) and iro1. */
  ProcessInstance wentHome(String childId, String legalStatus) {
    return runtime.startProcessInstanceByKey("unplannedReturn", childId, with(careOrderChild(childId),
        "legalStatus", legalStatus, "returnDate", today(), "returnReason", "PLACEMENT_BREAKDOWN"));
  }

  boolean stillOpen(ProcessInstance instance) {
    return runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 1;
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    return http.withBasicAuth(user, user).postForEntity(path, body, String.class);
  }

  static void assertRefusedNaming(ResponseEntity<String> answer, String field) {
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("'" + field + "'");
  }

  private static Map<String, Object> typed(Map<String, Object> values) {
    return uk.localgov.reunification.casework.Cases.restVariables(values);
  }

  @Test
  void aMessageToEveryCaseIsRefusedAndEveryCaseStaysOpen() {
    ProcessInstance one = wentHome(newChildId("ALL-"), "SECTION_20");
    ProcessInstance two = wentHome(newChildId("ALL-"), "SECTION_20");

    assertRefusedNaming(post("caserecords", "/engine-rest/message", Map.of("messageName", "ChildReturnedToCare",
        "all", true)), "all");
    assertRefusedNaming(post("caserecords", "/engine-rest/message", Map.of("messageName", "ChildReturnedToCare")),
        "businessKey");

    assertThat(stillOpen(one)).isTrue();
    assertThat(stillOpen(two)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"processInstanceId", "correlationKeys", "localCorrelationKeys", "tenantId", "withoutTenantId"})
  void aMessageAddressedOtherwiseThanByTheCaseReferenceIsRefused(String address) {
    String childId = newChildId("ADDR-");
    ProcessInstance careOrder = wentHome(childId, "CARE_ORDER");
    Map<String, Object> byVariable = Map.of("childId", Map.of("value", childId, "type", "String"));
    Object value = switch (address) {
      case "processInstanceId" -> careOrder.getId();
      case "correlationKeys", "localCorrelationKeys" -> byVariable;
      case "tenantId" -> "northshire";
      default -> true;
    };

    for (String message : List.of("FamilyWithdrewConsent", "CareOrderDischarged")) {
      Map<String, Object> body = new HashMap<>(Map.of("messageName", message, address, value));
      if (message.equals("CareOrderDischarged")) {
        body.put("processVariables", typed(Map.of("dischargeDate", today())));
      }
      assertRefusedNaming(post("caserecords", "/engine-rest/message", body),
          address.equals("withoutTenantId") ? "tenantId" : address);
    }

    assertThat(stillOpen(careOrder)).isTrue();
    assertThat(runtime.getVariable(careOrder.getId(), "dischargeDate")).isNull();
  }

  @Test
  void aMessageThatWouldReturnTheCaseToTheSenderIsRefused() {
    String childId = newChildId("VARS-");
    ProcessInstance instance = wentHome(childId, "SECTION_20");

    assertRefusedNaming(post("caserecords", "/engine-rest/message", Map.of("messageName", "WelfareConcernRaised",
        "businessKey", childId, "variablesInResultEnabled", true, "resultEnabled", true,
        "processVariables", typed(Map.of("concernDetails", "Neighbour heard shouting")))), "variablesInResultEnabled");

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("welfareConcern")
        .processInstanceBusinessKey(childId).count()).isZero();
    assertThat(stillOpen(instance)).isTrue();
  }

  /** The rules of a message are judged on the case it reaches, however an administrator addressed it. */
  @Test
  void anAdministratorsMessageByInstanceIsJudgedOnTheCaseItReaches() {
    ProcessInstance careOrder = wentHome(newChildId("ADMIN-"), "CARE_ORDER");

    assertRefusedNaming(post("admin", "/engine-rest/message", Map.of("messageName", "FamilyWithdrewConsent",
        "processInstanceId", careOrder.getId())), "legalStatus");
    ResponseEntity<String> toAll = post("admin", "/engine-rest/message", Map.of("messageName", "FamilyWithdrewConsent",
        "all", true));
    assertThat(toAll.getStatusCode()).as("refused for the first case it may not reach: " + toAll.getBody())
        .isEqualTo(HttpStatus.BAD_REQUEST);

    assertThat(stillOpen(careOrder)).isTrue();
  }

  ResponseEntity<String> startUnplanned(String user, Map<String, Object> child) {
    return post(user, "/engine-rest/process-definition/key/unplannedReturn/start", Map.of("variables", typed(child)));
  }

  @Test
  void aReturnInTheFutureOrBeforeTheChildWasBornIsRefused() {
    String future = newChildId("FUT-");
    assertRefusedNaming(startUnplanned("socialworker1", with(careOrderChild(future), "legalStatus", "SECTION_20",
        "returnDate", "2099-01-01", "returnReason", "PLACEMENT_BREAKDOWN")), "returnDate");
    String unborn = newChildId("FUT-");
    assertRefusedNaming(startUnplanned("socialworker1", with(careOrderChild(unborn), "legalStatus", "SECTION_20",
        "returnDate", "2014-01-01", "returnReason", "PLACEMENT_BREAKDOWN")), "returnDate");

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(future).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(unborn).count()).isZero();
  }

  /** Children Act 1989 s105(1): a child is under 18; a case removed at the 75th birthday would vanish at once. */
  @Test
  void aYoungPersonOf18OrMoreOnTheReturnIsNoChildOfThisService() {
    String old = newChildId("OLD-");
    ResponseEntity<String> answer = startUnplanned("socialworker1", with(careOrderChild(old), "dateOfBirth", "1940-01-01",
        "legalStatus", "SECTION_20", "returnDate", today(), "returnReason", "PLACEMENT_BREAKDOWN"));
    assertRefusedNaming(answer, "dateOfBirth");
    assertThat(answer.getBody()).contains("Children Act 1989 s105(1)");
    String planned = newChildId("OLD-");
    assertRefusedNaming(post("socialworker1", "/engine-rest/process-definition/key/plannedReturn/start",
        Map.of("variables", typed(with(careOrderChild(planned), "dateOfBirth", "2000-05-01")))), "dateOfBirth");

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyIn(old, planned).count()).isZero();
  }

  @Test
  void anOverLongNameOrNoteIsA400NamingItAndANoteWithinTheBoundIsKeptWhole() {
    String named = newChildId("LONG-");
    assertRefusedNaming(startUnplanned("socialworker1", with(careOrderChild(named), "childName", "A".repeat(2_000_000),
        "legalStatus", "SECTION_20", "returnDate", today(), "returnReason", "PLACEMENT_BREAKDOWN")), "childName");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(named).count()).isZero();

    String childId = newChildId("LONG-");
    ProcessInstance instance = wentHome(childId, "SECTION_20");
    Task plan = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("completeReturnPlan")
        .singleResult();
    ResponseEntity<String> tooLong = post("socialworker1", "/engine-rest/task/" + plan.getId() + "/complete",
        Map.of("variables", typed(Map.of("returnPlan", "x".repeat(TextBounds.TEXT + 1)))));
    assertRefusedNaming(tooLong, "returnPlan");
    assertThat(tooLong.getBody()).contains("at most 20000 characters");
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).count()).as("the plan is still to do").isOne();

    String longPlan = "Daily support from the family centre. ".repeat(500).substring(0, 19_000);
    assertThat(post("socialworker1", "/engine-rest/task/" + plan.getId() + "/complete",
        Map.of("variables", typed(Map.of("returnPlan", longPlan)))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.getVariable(instance.getId(), "returnPlan")).as("kept whole, beyond the engine's 4,000")
        .isEqualTo(longPlan);
  }

  @Test
  void noStepIsDelegatedOrResolvedByAnyone() {
    String childId = newChildId("DEL-");
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", childId, careOrderChild(childId));
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("completeAssessment")
        .singleResult().getId(), Map.of("assessmentSummary", "Mother engaged with parenting work"));
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("compileReturnPlan")
        .singleResult().getId(), Map.of("returnPlan", "Family support twice weekly"));
    Task review = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("preReturnReview")
        .singleResult();

    for (String user : List.of("iro1", "admin")) {
      assertThat(post(user, "/engine-rest/task/" + review.getId() + "/resolve", Map.of()).getStatusCode())
          .as(user).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(post(user, "/engine-rest/task/" + review.getId() + "/delegate", Map.of("userId", "iro2")).getStatusCode())
          .as(user).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    Map<String, Object> update = new HashMap<>(Map.of("name", review.getName(), "assignee", "iro1",
        "delegationState", "PENDING", "owner", "iro2"));
    assertThat(http.withBasicAuth("admin", "admin").exchange("/engine-rest/task/" + review.getId(), HttpMethod.PUT,
        new HttpEntity<>(update), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    Task after = tasks.createTaskQuery().taskId(review.getId()).singleResult();
    assertThat(after.getAssignee()).isEqualTo("iro1");
    assertThat(after.getDelegationState()).isNull();
    assertThat(after.getOwner()).isNull();
  }

  @Test
  void aCaseworkerCannotChangeTheirOwnAddressPasswordOrGroups() {
    String email = identity.createUserQuery().userId("socialworker2").singleResult().getEmail();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    TestRestTemplate socialworker2 = http.withBasicAuth("socialworker2", "socialworker2");

    ResponseEntity<String> profile = socialworker2.exchange("/engine-rest/user/socialworker2/profile", HttpMethod.PUT,
        new HttpEntity<>(Map.of("id", "socialworker2", "firstName", "Sam", "lastName", "Worker",
            "email", "notices@elsewhere.example"), json), String.class);
    ResponseEntity<String> password = socialworker2.exchange("/engine-rest/user/socialworker2/credentials", HttpMethod.PUT,
        new HttpEntity<>(Map.of("password", "An0ther-Passw0rd!", "authenticatedUserPassword", "socialworker2"), json),
        String.class);
    ResponseEntity<String> group = socialworker2.exchange("/engine-rest/group/linemanagers/members/socialworker2",
        HttpMethod.PUT, new HttpEntity<>(null, json), String.class);

    assertThat(profile.getStatusCode()).as(profile.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(profile.getBody()).contains("change a person's record");
    assertThat(password.getStatusCode()).as(password.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(group.getStatusCode()).as(group.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identity.createUserQuery().userId("socialworker2").singleResult().getEmail()).isEqualTo(email);
    assertThat(identity.checkPassword("socialworker2", "socialworker2")).isTrue();
    assertThat(identity.createUserQuery().userId("socialworker2").memberOfGroup("linemanagers").count()).isZero();
  }

  @Test
  void aCaseReferenceInAnotherLetterCaseIsTheSameChild() {
    String childId = "HB-" + System.nanoTime() % 100_000_000;
    ProcessInstance open = wentHome(childId, "SECTION_20");

    ResponseEntity<String> answer = startUnplanned("socialworker1", with(careOrderChild(childId.toLowerCase()),
        "legalStatus", "SECTION_20", "returnDate", today(), "returnReason", "PLACEMENT_BREAKDOWN"));

    assertRefusedNaming(answer, "childId");
    assertThat(answer.getBody()).contains("already has an active return home").contains("'" + childId + "'");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId.toLowerCase()).count())
        .isZero();
    assertThat(stillOpen(open)).isTrue();
  }

  /** The raw answer to a request whose body is declared (or sent in chunks) but not all sent. */
  private String send(String head, byte[] bodyStart) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bodyStart);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) > 0) {
        answer.write(buffer, 0, n);
        if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
          break;
        }
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static String head(String path, String user, String length) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))
        + "\r\nContent-Type: multipart/form-data; boundary=limit\r\n" + length + "\r\n";
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
    long cases = history.createHistoricProcessInstanceQuery().count();
    String declared = send(head("/engine-rest/deployment/create", "socialworker1", "Content-Length: " + (64L << 20) + "\r\n"),
        "--limit\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(declared).as("64 MB declared, 9 bytes sent: answered without waiting for the rest")
        .startsWith("HTTP/1.1 413").contains("larger than the 4194304 bytes");

    String task = tasks.createTaskQuery().processInstanceId(wentHome(newChildId("BIG-"), "SECTION_20").getId())
        .taskDefinitionKey("completeReturnPlan").singleResult().getId();
    byte[] chunk = new byte[1 << 20];
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    for (int i = 0; i < 5; i++) {
      chunks.write(("100000\r\n").getBytes(StandardCharsets.US_ASCII));
      chunks.write(chunk);
      chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunks.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String chunked = send(head("/engine-rest/task/" + task + "/attachment/create", "socialworker1",
        "Transfer-Encoding: chunked\r\n"), chunks.toByteArray());
    assertThat(chunked).as("5 MB in chunks").startsWith("HTTP/1.1 413");

    assertThat(tasks.getTaskAttachments(task)).isEmpty();
    assertThat(history.createHistoricProcessInstanceQuery().count()).as("one case: its return and its life at home").isEqualTo(cases + 2);
  }

  List<ReadLog.Read> readsBy(String childId, String user) {
    return readLog.of(childId).stream().filter(read -> read.userId().equals(user)).toList();
  }

  @Test
  void readsTheEngineDoesNotShowAreInTheReadLog() {
    String childId = newChildId("READ-");
    ProcessInstance instance = wentHome(childId, "SECTION_20");
    String definition = instance.getProcessDefinitionId();

    // Cockpit's own plugin query, on the webapps' command executor (one page, of the query limit, holds every case of this shared context)
    String cockpit = WebappLogin.session(http, "cockpit", "linemanager1", "linemanager1");
    HttpHeaders session = new HttpHeaders();
    session.add(HttpHeaders.COOKIE, "JSESSIONID=" + cockpit);
    session.setAccept(List.of(MediaType.APPLICATION_JSON));
    ResponseEntity<String> plugin = http.exchange("/camunda/api/cockpit/plugin/base/default/process-instance"
        + "?processDefinitionId=" + definition + "&firstResult=0&maxResults=2000", HttpMethod.GET,
        new HttpEntity<>(session), String.class);
    assertThat(plugin.getStatusCode()).as(plugin.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(plugin.getBody()).contains(childId);
    assertThat(readsBy(childId, "linemanager1")).anySatisfy(read -> {
      assertThat(read.surface()).isEqualTo("Cockpit");
      assertThat(read.what()).startsWith("GET /camunda/api/cockpit/plugin/base/default/process-instance");
    });

    // a count of tasks by a variable's value
    ResponseEntity<String> count = http.withBasicAuth("socialworker1", "socialworker1").getForEntity(
        "/engine-rest/task/count?processVariables=childId_eq_" + childId, String.class);
    assertThat(count.getBody()).as("the case's open tasks").doesNotContain("\"count\":0");
    assertThat(readsBy(childId, "socialworker1")).anySatisfy(read -> assertThat(read.what()).isEqualTo("task query"));

    // a completion that returns the case's variables
    Task plan = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("completeReturnPlan")
        .singleResult();
    ResponseEntity<String> completed = post("socialworker1", "/engine-rest/task/" + plan.getId() + "/complete",
        Map.of("variables", typed(Map.of("returnPlan", "Family centre weekly")), "withVariablesInReturn", true));
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(completed.getBody()).contains("childName");
    assertThat(readsBy(childId, "socialworker1")).anySatisfy(read -> assertThat(read.what()).isEqualTo("complete task"));
  }

  @Test
  void commentsAndAttachmentsBelongToACaseTheCallerMayRead() {
    ProcessInstance north = wentHome(newChildId("NOTE-"), "SECTION_20");
    ProcessInstance other = wentHome(newChildId("NOTE-"), "SECTION_20");
    String task = tasks.createTaskQuery().processInstanceId(north.getId()).taskDefinitionKey("completeReturnPlan")
        .singleResult().getId();
    tasks.createComment(task, north.getId(), "Mother asked for the plan in large print");

    ResponseEntity<String> readByOtherTeam = http.withBasicAuth("socialworker3", "socialworker3")
        .getForEntity("/engine-rest/task/" + task + "/comment", String.class);
    ResponseEntity<String> addedByOtherTeam = post("socialworker3", "/engine-rest/task/" + task + "/comment/create",
        Map.of("message", "from another team"));
    ResponseEntity<String> intoAnotherCase = post("socialworker1", "/engine-rest/task/" + task + "/comment/create",
        Map.of("message", "meant for the other child", "processInstanceId", other.getId()));
    ResponseEntity<String> attachmentsByOtherTeam = http.withBasicAuth("socialworker3", "socialworker3")
        .getForEntity("/engine-rest/task/" + task + "/attachment", String.class);

    // REST looks the task up first, under the caller's authorizations (404, or 400 on a create); the
    // engine refuses the rest (403)
    assertThat(readByOtherTeam.getStatusCode()).as(readByOtherTeam.getBody()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    assertThat(readByOtherTeam.getBody()).doesNotContain("large print");
    assertThat(addedByOtherTeam.getStatusCode()).as(addedByOtherTeam.getBody())
        .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
    assertRefusedNaming(intoAnotherCase, "processInstanceId");
    assertThat(attachmentsByOtherTeam.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    identity.setAuthentication("socialworker3", List.of("socialworkers", "teamsouth"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.getTaskComments(task))
          .as("the engine's own check, under Tasklist's and Java's callers too")
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.getProcessInstanceAttachments(north.getId()))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.createComment(null, north.getId(), "by id alone"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(tasks.getProcessInstanceComments(other.getId())).isEmpty();
    assertThat(tasks.getTaskComments(task)).singleElement()
        .satisfies(comment -> assertThat(comment.getFullMessage()).isEqualTo("Mother asked for the plan in large print"));
    assertThat(http.withBasicAuth("socialworker1", "socialworker1").getForEntity("/engine-rest/task/" + task + "/comment",
        String.class).getBody()).as("the case's own worker reads it").contains("large print");
  }
}
