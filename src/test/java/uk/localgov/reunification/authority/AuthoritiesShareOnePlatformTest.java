package uk.localgov.reunification.authority;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.Cases;

/**
 * Two authorities on one platform, Northshire and Southvale, each the data controller for its own
 * children: the same case reference in both is two children; nobody of one authority finds, counts,
 * reads or changes anything of the other's case, through the engine's REST API or the project's
 * own; the region's managers read each authority's figures and the region's, and no case; each
 * authority's cases follow its own local policy, or the shared default where it has none.
 */
@ApplicationTest
@TestPropertySource(properties = {
    // a context of its own: its database, and its engine, whose REST API is REST below
    "spring.datasource.url=jdbc:h2:mem:reunification-authorities;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;"
        + "DEFAULT_NULL_ORDERING=HIGH",
    "camunda.bpm.process-engine-name=authorities",
    // Camunda's webapps keep their state in static fields: a set here stops the sso context's Tasklist drawing.
    // Tasklist itself is tried in AuthoritiesInTasklistBrowserTest, on an application of its own
    "camunda.bpm.webapp.enabled=false",
    "reunification.authorities[0].id=northshire", "reunification.authorities[0].name=Northshire Council",
    "reunification.authorities[1].id=southvale", "reunification.authorities[1].name=Southvale Council",
    // notices are queued as jobs; no job runs in the tests, so no server is needed to read whom they are for
    "reunification.mail.enabled=true", "spring.mail.host=localhost", "spring.mail.port=2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// closed after its tests: its engine left registered beside the others stops the sso context's Tasklist drawing
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
class AuthoritiesShareOnePlatformTest {

  static final ZoneId ENGLAND = ZoneId.of("Europe/London");
  /** This context's engine's REST API: the default engine is the shared test context's. */
  static final String REST = "/engine-rest/engine/authorities";
  static final String TWIN = "TWIN-1";
  static final String NORTH_CHILD = "Robin Northshire";
  static final String SOUTH_CHILD = "Rowan Southvale";

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  RepositoryService repository;
  @Autowired
  org.camunda.bpm.engine.ManagementService management;
  @Autowired
  org.camunda.bpm.engine.IdentityService identity;
  @Autowired
  uk.localgov.reunification.casework.CaseCalendar calendar;

  final ObjectMapper json = new ObjectMapper();
  String northCase;
  String southCase;

  /** A child on a care order who went home ten days ago after a placement broke down. */
  static Map<String, Object> wentHomeTenDaysAgo(String childId, String name, String socialWorker, String iro) {
    return Cases.with(Cases.careOrderChild(childId), "childName", name, "socialWorker", socialWorker, "iro", iro,
        "returnDate", LocalDate.now(ENGLAND).minusDays(10).toString(), "returnReason", "PLACEMENT_BREAKDOWN");
  }

  ResponseEntity<String> start(String user, Map<String, Object> child) {
    return http.withBasicAuth(user, user).postForEntity(REST + "/process-definition/key/unplannedReturn/start",
        Map.of("variables", Cases.restVariables(child)), String.class);
  }

  ResponseEntity<String> get(String user, String path) {
    boolean list = path.startsWith("/engine-rest/") && path.contains("?") && !path.contains("maxResults");
    return http.withBasicAuth(user, user).getForEntity(list ? path + "&maxResults=100" : path, String.class);
  }

  JsonNode body(ResponseEntity<String> answer) throws Exception {
    return json.readTree(answer.getBody());
  }

  // once for the class, within a test's run (process test coverage records the starts of a test's run only)
  @BeforeEach
  void aChildOfEachAuthorityWithTheSameReference() throws Exception {
    if (northCase != null) {
      return;
    }
    ResponseEntity<String> north = start("socialworker1", wentHomeTenDaysAgo(TWIN, NORTH_CHILD, "socialworker1", "iro1"));
    assertThat(north.getStatusCode().value()).as(north.getBody()).isEqualTo(200);
    ResponseEntity<String> south = start("sv.socialworker1",
        wentHomeTenDaysAgo(TWIN, SOUTH_CHILD, "sv.socialworker1", "sv.iro1"));
    assertThat(south.getStatusCode().value()).as("the same reference in another authority is another child: "
        + south.getBody()).isEqualTo(200);
    northCase = body(north).get("id").asText();
    southCase = body(south).get("id").asText();
  }

  @Test
  void eachCaseAndEverythingOfItBelongsToItsChildsAuthority() {
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(northCase).singleResult().getTenantId())
        .isEqualTo("northshire");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(southCase).singleResult().getTenantId())
        .isEqualTo("southvale");
    // the case's life at home, its tasks and its timers are its authority's too
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(TWIN).list().forEach(instance ->
        assertThat(instance.getTenantId()).as(instance.getProcessDefinitionId())
            .isEqualTo(instance.getRootProcessInstanceId().equals(southCase) ? "southvale" : "northshire"));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(TWIN).tenantIdIn("southvale").count()).isPositive();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(TWIN).withoutTenantId().count()).isZero();
  }

  @Test
  void aSecondCaseForTheSameChildIsRefusedOnlyInTheChildsOwnAuthority() {
    ResponseEntity<String> again = start("sv.socialworker1",
        wentHomeTenDaysAgo(TWIN, SOUTH_CHILD, "sv.socialworker1", "sv.iro1"));
    assertThat(again.getStatusCode().value()).isEqualTo(400);
    assertThat(again.getBody()).contains("already has an active return home");
  }

  @Test
  void aCaseIsWorkedOnlyByItsAuthoritysPeople() {
    ResponseEntity<String> crossed = start("sv.socialworker1",
        wentHomeTenDaysAgo("CROSS-1", SOUTH_CHILD, "sv.socialworker1", "iro1"));
    assertThat(crossed.getStatusCode().value()).isEqualTo(400);
    assertThat(crossed.getBody()).contains("'iro' must be one of Southvale Council's staff");
    ResponseEntity<String> regional = start("regional1", wentHomeTenDaysAgo("CROSS-2", NORTH_CHILD, "socialworker1", "iro1"));
    assertThat(regional.getStatusCode().value()).as("the region holds no cases: " + regional.getBody()).isIn(400, 403, 404);
  }

  /** What a person finds, counts and reads of a case, through every surface that could carry it. */
  List<ResponseEntity<String>> everythingOf(String user, String instanceId) {
    return List.of(
        get(user, REST + "/task?processInstanceBusinessKey=" + TWIN),
        get(user, REST + "/task/count?processInstanceBusinessKey=" + TWIN),
        get(user, REST + "/process-instance?businessKey=" + TWIN),
        get(user, REST + "/process-instance/" + instanceId),
        get(user, REST + "/process-instance/" + instanceId + "/variables"),
        get(user, REST + "/variable-instance?processInstanceIdIn=" + instanceId),
        get(user, REST + "/history/process-instance?processInstanceBusinessKey=" + TWIN),
        get(user, REST + "/history/process-instance/" + instanceId),
        get(user, REST + "/history/variable-instance?processInstanceId=" + instanceId),
        get(user, REST + "/history/task?processInstanceBusinessKey=" + TWIN),
        get(user, REST + "/history/activity-instance?processInstanceId=" + instanceId),
        get(user, REST + "/job?processInstanceId=" + instanceId),
        get(user, REST + "/incident?processInstanceId=" + instanceId),
        get(user, "/api/cases/" + TWIN + "/chronology"),
        get(user, "/api/oversight"));
  }

  @Test
  void nobodyOfOneAuthorityFindsCountsOrReadsTheOthersChild() throws Exception {
    assertThat(String.join("\n", everythingOf("socialworker1", northCase).stream().map(ResponseEntity::getBody).toList()))
        .as("Northshire's worker sees their own child").contains(NORTH_CHILD).doesNotContain(SOUTH_CHILD);
    assertThat(String.join("\n", everythingOf("sv.socialworker1", southCase).stream().map(ResponseEntity::getBody)
        .toList())).as("Southvale's worker sees their own child").contains(SOUTH_CHILD).doesNotContain(NORTH_CHILD);
    for (String user : List.of("socialworker1", "linemanager1", "iro1", "headofservice1")) {
      for (ResponseEntity<String> answer : everythingOf(user, southCase)) {
        assertThat(answer.getBody()).as(user + ": " + answer).doesNotContain(SOUTH_CHILD);
      }
      assertThat(body(get(user, REST + "/task/count?tenantIdIn=southvale")).get("count").asLong())
          .as(user + " counts no task of Southvale's").isZero();
    }
    for (String user : List.of("sv.socialworker1", "sv.linemanager1", "sv.iro1", "sv.headofservice1")) {
      for (ResponseEntity<String> answer : everythingOf(user, northCase)) {
        assertThat(answer.getBody()).as(user + ": " + answer).doesNotContain(NORTH_CHILD);
      }
    }
  }

  List<String> southvalesWork() {
    return tasks.createTaskQuery().processInstanceBusinessKey(TWIN).tenantIdIn("southvale").orderByTaskId().asc().list()
        .stream().map(task -> task.getTaskDefinitionKey() + " " + task.getId()).toList();
  }

  @Test
  void nobodyOfOneAuthorityChangesTheOthersCase() {
    List<String> before = southvalesWork();
    Task southTask = tasks.createTaskQuery().processInstanceBusinessKey(TWIN).tenantIdIn("southvale")
        .taskDefinitionKey("completeReturnPlan").singleResult();
    ResponseEntity<String> completed = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        REST + "/task/" + southTask.getId() + "/complete", Map.of("variables", Cases.restVariables(
            Map.of("returnPlan", "A plan from the wrong authority"))), String.class);
    assertThat(completed.getStatusCode().value()).as(completed.getBody()).isIn(403, 404, 500);
    ResponseEntity<String> variable = http.withBasicAuth("socialworker1", "socialworker1").exchange(
        REST + "/process-instance/" + southCase + "/variables/childName", HttpMethod.PUT,
        new HttpEntity<>(Map.of("value", "Changed", "type", "String")), String.class);
    assertThat(variable.getStatusCode().value()).as(variable.getBody()).isIn(403, 404, 500);
    ResponseEntity<String> concern = http.withBasicAuth("socialworker1", "socialworker1").postForEntity(
        REST + "/message", Map.of("messageName", "WelfareConcernRaised", "businessKey", TWIN,
            "processVariables", Cases.restVariables(Map.of("concernDetails", "Sent by Northshire"))), String.class);
    assertThat(southvalesWork()).as("Southvale's case is as it was").isEqualTo(before);
    assertThat(runtime.getVariable(southCase, "childName")).isEqualTo(SOUTH_CHILD);
    assertThat(tasks.createTaskQuery().taskId(southTask.getId()).count()).isOne();
    assertThat(concern.getStatusCode().value()).as(concern.getBody()).isIn(204, 400, 403, 404, 500);
  }

  @Test
  void theRegionReadsEachAuthoritysFiguresAndTheRegionsAndNoCase() throws Exception {
    ResponseEntity<String> region = get("regional1", "/api/oversight/region");
    assertThat(region.getStatusCode().value()).as(region.getBody()).isEqualTo(200);
    JsonNode figures = body(region);
    assertThat(figures.get("authorities")).hasSize(2);
    assertThat(figures.get("authorities").get(0).get("authority").asText()).isEqualTo("northshire");
    assertThat(figures.get("authorities").get(1).get("authority").asText()).isEqualTo("southvale");
    int north = figures.get("authorities").get(0).get("openCases").asInt();
    int south = figures.get("authorities").get(1).get("openCases").asInt();
    assertThat(south).as("Southvale's open processes: at least its child's return and life at home").isGreaterThanOrEqualTo(1);
    assertThat(figures.get("region").get("openCases").asInt()).isEqualTo(north + south);
    assertThat(region.getBody()).doesNotContain(TWIN, NORTH_CHILD, SOUTH_CHILD, "socialworker1", northCase, southCase);

    for (ResponseEntity<String> answer : everythingOf("regional1", southCase)) {
      assertThat(answer.getBody()).as(answer.toString()).doesNotContain(SOUTH_CHILD, NORTH_CHILD);
    }
    assertThat(get("socialworker1", "/api/oversight/region").getStatusCode().value()).isEqualTo(403);
    assertThat(get("linemanager1", "/api/oversight/region").getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void eachAuthoritysManagersSeeTheirOwnFigures() throws Exception {
    JsonNode north = body(get("linemanager1", "/api/oversight"));
    JsonNode south = body(get("sv.linemanager1", "/api/oversight"));
    assertThat(north.toString()).doesNotContain(SOUTH_CHILD);
    assertThat(south.toString()).doesNotContain(NORTH_CHILD);
    assertThat(south.get("caseload").get("open").asInt()).as("Southvale's one child").isOne();
  }

  @Test
  void whoReadAChildAndTheChildsRecordAreItsAuthoritysOwn() throws Exception {
    get("socialworker1", REST + "/task?processInstanceBusinessKey=" + TWIN);
    get("sv.socialworker1", REST + "/task?processInstanceBusinessKey=" + TWIN);
    String northReads = get("admin", "/api/cases/" + TWIN + "/reads?authority=northshire").getBody();
    String southReads = get("admin", "/api/cases/" + TWIN + "/reads?authority=southvale").getBody();
    assertThat(northReads).contains("\"socialworker1\"").doesNotContain("sv.socialworker1");
    assertThat(southReads).contains("sv.socialworker1").doesNotContain("\"socialworker1\"");

    ResponseEntity<String> whose = get("admin", "/api/cases/" + TWIN + "/record");
    assertThat(whose.getStatusCode().value()).as(whose.getBody()).isEqualTo(400);
    assertThat(whose.getBody()).contains("'authority'", "northshire", "southvale");
    ResponseEntity<String> south = get("admin", "/api/cases/" + TWIN + "/record?authority=southvale");
    assertThat(south.getStatusCode().value()).as(south.getBody()).isEqualTo(200);
    assertThat(south.getBody()).contains(SOUTH_CHILD).doesNotContain(NORTH_CHILD);
  }

  @Test
  void anAdministratorMovesTheCaseOfTheAuthorityNamedAndNoOther() throws Exception {
    ResponseEntity<String> whose = get("admin", "/api/cases/" + TWIN + "/allocation");
    assertThat(whose.getStatusCode().value()).as(whose.getBody()).isEqualTo(400);
    assertThat(whose.getBody()).contains("'authority'", "northshire", "southvale");
    ResponseEntity<String> south = get("admin", "/api/cases/" + TWIN + "/allocation?authority=southvale");
    assertThat(south.getStatusCode().value()).as(south.getBody()).isEqualTo(200);
    assertThat(body(south).get("iro").asText()).isEqualTo("sv.iro1");

    if (identity.createUserQuery().userId("sv.iro2").count() == 0) {
      org.camunda.bpm.engine.identity.User iro = identity.newUser("sv.iro2");
      iro.setPassword("sv.iro2");
      identity.saveUser(iro);
      identity.createMembership("sv.iro2", uk.localgov.reunification.identity.Roles.IROS);
      identity.createTenantUserMembership("southvale", "sv.iro2");
    }
    ResponseEntity<String> unnamed = http.withBasicAuth("admin", "admin").postForEntity(
        "/api/cases/" + TWIN + "/reallocation", Map.of("role", "iro", "userId", "sv.iro2"), String.class);
    assertThat(unnamed.getStatusCode().value()).as(unnamed.getBody()).isEqualTo(400);
    try {
      ResponseEntity<String> moved = http.withBasicAuth("admin", "admin").postForEntity(
          "/api/cases/" + TWIN + "/reallocation?authority=southvale", Map.of("role", "iro", "userId", "sv.iro2"),
          String.class);
      assertThat(moved.getStatusCode().value()).as(moved.getBody()).isEqualTo(200);
      assertThat(runtime.getVariable(southCase, "iro")).isEqualTo("sv.iro2");
      assertThat(runtime.getVariable(northCase, "iro")).as("Northshire's child of the same reference keeps its IRO")
          .isEqualTo("iro1");
      assertThat(get("sv.iro2", REST + "/process-instance?businessKey=" + TWIN).getBody())
          .contains(southCase).doesNotContain(northCase);
    } finally {
      ResponseEntity<String> back = http.withBasicAuth("admin", "admin").postForEntity(
          "/api/cases/" + TWIN + "/reallocation?authority=southvale", Map.of("role", "iro", "userId", "sv.iro1"),
          String.class);
      assertThat(back.getStatusCode().value()).as(back.getBody()).isEqualTo(200);
    }
  }

  @Test
  void aRatificationIsMailedOnlyToTheHeadOfServiceOfTheChildsAuthority() throws Exception {
    ResponseEntity<String> started = start("sv.socialworker1",
        wentHomeTenDaysAgo("SV-RATIFY", SOUTH_CHILD, "sv.socialworker1", "sv.iro1"));
    String caseId = body(started).get("id").asText();
    uk.localgov.reunification.CaseWork.complete(tasks, "SV-RATIFY", "completeReturnPlan",
        Map.of("returnPlan", "Outreach daily; school"));
    uk.localgov.reunification.CaseWork.complete(tasks, "SV-RATIFY", "returnReview", Map.of("reviewNotes", "Plan agreed"));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey("SV-RATIFY").taskDefinitionKey("ratifyDecision")
        .taskCandidateGroup("headofservice").count()).isOne();

    List<String> addressed = management.createJobQuery().processInstanceId(caseId).list().stream()
        .map(job -> (org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job)
        .filter(job -> "reunification-notice".equals(job.getJobHandlerType()))
        .map(job -> job.getJobHandlerConfigurationRaw() + " tenant " + job.getTenantId()).toList();
    assertThat(addressed).anyMatch(notice -> notice.contains("sv.headofservice1@demo.invalid"))
        .noneMatch(notice -> java.util.regex.Pattern.compile("(?<!sv\\.)headofservice1@").matcher(notice).find())
        .allMatch(notice -> notice.endsWith("tenant southvale"));
  }

  static LocalDate day(Date due) {
    return due.toInstant().atZone(ENGLAND).toLocalDate();
  }

  LocalDate firstVisitDue(String instanceId, String authority) {
    return day(tasks.createTaskQuery().processInstanceBusinessKey(TWIN).tenantIdIn(authority)
        .taskDefinitionKey("firstHomeVisit").singleResult().getDueDate());
  }

  @Test
  void eachAuthoritysCasesFollowItsOwnFirstVisitRuleOrTheDefault() {
    LocalDate returned = LocalDate.now(ENGLAND).minusDays(10);
    assertThat(firstVisitDue(southCase, "southvale")).as("Southvale's own rule: within 5 days under a care order")
        .isEqualTo(returned.plusDays(5));
    assertThat(firstVisitDue(northCase, "northshire")).as("Northshire has none of its own: Salford §3's week")
        .isEqualTo(returned.plusDays(7));
  }

  /** Support as it starts for a child at home, in the authority given. */
  ProcessInstance supportStartedIn(String authority, String childId, String socialWorker, String iro) {
    return CaseAuthority.startingFor(authority, () -> runtime.startProcessInstanceByKey("ongoingSupport", childId,
        Map.of("childId", childId, "childName", "Sky Example", "socialWorker", socialWorker, "iro", iro,
            "team", "northshire".equals(authority) ? "teamnorth" : "svteam", "returnPlan", "Family support; school")));
  }

  @Test
  void eachAuthoritysChildInNeedReviewsFollowItsOwnInterval() {
    ProcessInstance north = supportStartedIn("northshire", "CIN-N", "socialworker1", "iro1");
    ProcessInstance south = supportStartedIn("southvale", "CIN-S", "sv.socialworker1", "sv.iro1");
    LocalDate today = LocalDate.now(ENGLAND);
    assertThat(day((Date) runtime.getVariable(north.getId(), "nextReviewDue"))).as("the default: 6-weekly (Salford §8)")
        .isEqualTo(today.plusDays(42));
    assertThat(day((Date) runtime.getVariable(south.getId(), "nextReviewDue"))).as("Southvale's own: every 4 weeks")
        .isEqualTo(today.plusDays(28));
  }

  ResponseEntity<String> deploy(String user, String tenant, String name, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "local-policy-test");
    if (tenant != null) {
      form.add("tenant-id", tenant);
    }
    form.add("data", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, user).postForEntity(REST + "/deployment/create", new HttpEntity<>(form, headers),
        String.class);
  }

  /**
   * Deploys for one authority the shared default decision with one entry changed, as a process owner
   * makes their authority's own version from Modeler; answers the deployment's id.
   */
  String ownVersionDeployed(String authority, String file, String entry, String changed) throws Exception {
    String shared = new String(new org.springframework.core.io.ClassPathResource("processes/" + file)
        .getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(shared).contains(entry);
    ResponseEntity<String> deployed = deploy("admin", authority, file,
        shared.replace(entry, changed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(200);
    return body(deployed).get("id").asText();
  }

  @Test
  void theSupportAPlanCallsForIsTheAuthoritysOwnWhereItHasAVersion() throws Exception {
    String deploymentId = ownVersionDeployed("southvale", "reunification-factors.dmn",
        "<outputEntry id=\"OutputEntry_Standard\"><text>\"STANDARD\"</text>",
        "<outputEntry id=\"OutputEntry_Standard\"><text>\"INTENSIVE\"</text>");
    try {
      start("socialworker1", wentHomeTenDaysAgo("PLAN-N", NORTH_CHILD, "socialworker1", "iro1"));
      start("sv.socialworker1", wentHomeTenDaysAgo("PLAN-S", SOUTH_CHILD, "sv.socialworker1", "sv.iro1"));
      for (String child : List.of("PLAN-N", "PLAN-S")) {
        uk.localgov.reunification.CaseWork.complete(tasks, child, "completeReturnPlan",
            Map.of("returnPlan", "Outreach daily; school"));
      }
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("PLAN-N")
          .processDefinitionKey("unplannedReturn").singleResult()).extracting(instance ->
              runtime.getVariable(instance.getId(), "supportIntensity")).as("the shared default").isEqualTo("STANDARD");
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("PLAN-S")
          .processDefinitionKey("unplannedReturn").singleResult()).extracting(instance ->
              runtime.getVariable(instance.getId(), "supportIntensity")).as("Southvale's own").isEqualTo("INTENSIVE");
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void theServiceStandardsACaseIsHeldToAreItsAuthoritysOwnWhereItHasAVersion() throws Exception {
    String deploymentId = ownVersionDeployed("southvale", "service-standards.dmn",
        "<outputEntry id=\"OutputEntry_coordinatorAllocation_within\">\n          <text>5</text>",
        "<outputEntry id=\"OutputEntry_coordinatorAllocation_within\">\n          <text>2</text>");
    try {
      supportStartedIn("northshire", "STANDARD-N", "socialworker1", "iro1");
      supportStartedIn("southvale", "STANDARD-S", "sv.socialworker1", "sv.iro1");
      String today = LocalDate.now(ENGLAND).toString();
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey("STANDARD-N").taskDefinitionKey("allocateCinCoordinator")
          .singleResult().getDueDate()).as("the default: 5 working days (Salford §8)")
          .isEqualTo(calendar.endOfWorkingDaysAfter(today, 5));
      assertThat(tasks.createTaskQuery().processInstanceBusinessKey("STANDARD-S").taskDefinitionKey("allocateCinCoordinator")
          .singleResult().getDueDate()).as("Southvale's own: 2 working days")
          .isEqualTo(calendar.endOfWorkingDaysAfter(today, 2));
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void anAuthoritysOwnDecisionsFromTheRepositoryAreNoDrift() throws Exception {
    ResponseEntity<String> drift = get("admin", "/api/deployment/drift");
    assertThat(drift.getStatusCode().value()).as(drift.getBody()).isEqualTo(200);
    assertThat(body(drift)).as("authorities/southvale/ is the repository's too: " + drift.getBody()).isEmpty();
  }

  @Test
  void anAuthorityDeploysItsOwnVersionForItsCasesAloneAndOnlyOfLocalPolicy() throws Exception {
    String deploymentId = ownVersionDeployed("northshire", "first-visit.dmn",
        "<outputEntry id=\"OutputEntry_CareOrder_days\"><text>7</text>",
        "<outputEntry id=\"OutputEntry_CareOrder_days\"><text>3</text>");
    try {
      LocalDate returned = LocalDate.now(ENGLAND).minusDays(10);
      ResponseEntity<String> north = start("socialworker1", wentHomeTenDaysAgo("VARIANT-N", NORTH_CHILD, "socialworker1", "iro1"));
      ResponseEntity<String> south = start("sv.socialworker1",
          wentHomeTenDaysAgo("VARIANT-S", SOUTH_CHILD, "sv.socialworker1", "sv.iro1"));
      assertThat(north.getStatusCode().value()).as(north.getBody()).isEqualTo(200);
      assertThat(south.getStatusCode().value()).as(south.getBody()).isEqualTo(200);
      assertThat(day(tasks.createTaskQuery().processInstanceBusinessKey("VARIANT-N").taskDefinitionKey("firstHomeVisit")
          .singleResult().getDueDate())).as("Northshire's new version, for Northshire's case").isEqualTo(returned.plusDays(3));
      assertThat(day(tasks.createTaskQuery().processInstanceBusinessKey("VARIANT-S").taskDefinitionKey("firstHomeVisit")
          .singleResult().getDueDate())).as("Southvale's unchanged").isEqualTo(returned.plusDays(5));
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }

    byte[] statutory = new org.springframework.core.io.ClassPathResource("processes/visit-frequency.dmn").getContentAsByteArray();
    ResponseEntity<String> law = deploy("admin", "southvale", "visit-frequency.dmn", statutory);
    assertThat(law.getStatusCode().value()).as(law.getBody()).isEqualTo(400);
    assertThat(law.getBody()).contains("visitFrequency is not local policy");
    byte[] diagram = new org.springframework.core.io.ClassPathResource("processes/ongoing-support.bpmn").getContentAsByteArray();
    ResponseEntity<String> process = deploy("admin", "southvale", "ongoing-support.bpmn", diagram);
    assertThat(process.getStatusCode().value()).as(process.getBody()).isEqualTo(400);
    assertThat(process.getBody()).contains("shared by every authority");
    assertThat(repository.createDeploymentQuery().deploymentName("local-policy-test").list()).extracting(Deployment::getId)
        .isEmpty();
  }
}
