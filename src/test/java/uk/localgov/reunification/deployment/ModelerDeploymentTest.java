package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import uk.localgov.reunification.ApplicationTest;

/**
 * A process owner deploys from Camunda Modeler: its Deploy button posts the diagram, and any files
 * attached, to {@code POST /engine-rest/deployment/create} as multipart with
 * {@code deployment-source=Camunda Modeler}. What it deploys is checked by the model rules: a
 * changed diagram runs with its forms, a broken one is refused whole naming the element and the
 * rule, and administrators see that the engine no longer runs what the repository holds.
 */
@ApplicationTest
class ModelerDeploymentTest {

  static final Path SUPPORT = Path.of("processes/ongoing-support.bpmn");

  @Autowired
  TestRestTemplate http;
  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

  final List<String> deployed = new ArrayList<>();

  @AfterEach
  void takeBackWhatWasDeployed() {
    deployed.forEach(id -> repository.deleteDeployment(id, true));
  }

  /** As Modeler's Deploy button sends it: the deployment's name and source, and each file by its name. */
  ResponseEntity<Map> deployFromModeler(String user, Map<String, String> files) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "Support changed in Modeler");
    form.add("deployment-source", "Camunda Modeler");
    form.add("deploy-changed-only", "true");
    files.forEach((name, content) -> form.add(name, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    }));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<Map> answer = http.withBasicAuth(user, user).postForEntity("/engine-rest/deployment/create",
        new HttpEntity<>(form, headers), Map.class);
    if (answer.getStatusCode() == HttpStatus.OK) {
      deployed.add((String) answer.getBody().get("id"));
    }
    return answer;
  }

  static String support() throws IOException {
    return Files.readString(SUPPORT);
  }

  /** The diagram as a process owner changed it: the same process, its documentation reworded. */
  static String changedSupport() throws IOException {
    return support().replaceFirst("Ongoing Support: a child who returned home", "Ongoing Support (reworded in Modeler): a"
        + " child who returned home");
  }

  static Map<String, String> withForms(String diagram, String... forms) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("ongoing-support.bpmn", diagram);
    for (String form : forms) {
      files.put(form, Files.readString(Path.of("forms", form)));
    }
    return files;
  }

  ProcessInstance newSupport() {
    String childId = "MODELER-" + System.nanoTime() % 100000;
    return runtime.startProcessInstanceByKey("ongoingSupport", childId, Map.of("childId", childId,
        "childName", "Modeler Example", "socialWorker", "socialworker1", "iro", "iro1", "team", "teamnorth",
        "returnPlan", "Family support; school"));
  }

  void assertFormRenders(Task task) {
    ResponseEntity<String> form = http.withBasicAuth("admin", "admin")
        .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", String.class);
    assertThat(form.getStatusCode()).as("%s's form: %s", task.getTaskDefinitionKey(), form.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("\"id\": \"" + task.getTaskDefinitionKey() + "\"");
  }

  String refusal(ResponseEntity<Map> answer) {
    assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(repository.createDeploymentQuery().deploymentName("Support changed in Modeler").count())
        .as("nothing deployed").isZero();
    return (String) answer.getBody().get("message");
  }

  @Test
  void aChangedDiagramWithItsFormsDeploysAndANewCaseRunsOnItWithEveryFormShown() throws IOException {
    ResponseEntity<Map> answer = deployFromModeler("admin", withForms(changedSupport(), "allocate-cin-coordinator.form",
        "support-review.form", "record-weekly-progress.form"));
    assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);

    ProcessInstance support = newSupport();
    assertThat(repository.getProcessDefinition(support.getProcessDefinitionId()).getDeploymentId())
        .isEqualTo(deployed.get(0));
    Task allocate = tasks.createTaskQuery().processInstanceId(support.getId()).taskDefinitionKey("allocateCinCoordinator")
        .singleResult();
    tasks.createTaskQuery().processInstanceId(support.getId()).list().forEach(this::assertFormRenders);
    tasks.complete(allocate.getId(), Map.of("cinCoordinator", "cincoordinator1"));
    tasks.createTaskQuery().processInstanceId(support.getId()).list().forEach(this::assertFormRenders);
    assertThat(tasks.createTaskQuery().processInstanceId(support.getId()).count()).as("review and weekly progress")
        .isEqualTo(2);
    runtime.deleteProcessInstance(support.getId(), "test over");
  }

  @Test
  void theSameDiagramAloneFindsTheFormsAlreadyDeployed() throws IOException {
    ResponseEntity<Map> answer = deployFromModeler("admin", withForms(changedSupport()));
    assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);

    ProcessInstance support = newSupport();
    tasks.createTaskQuery().processInstanceId(support.getId()).list().forEach(this::assertFormRenders);
    assertThat(tasks.createTaskQuery().processInstanceId(support.getId()).count()).as("allocation and weekly progress")
        .isEqualTo(2);
    runtime.deleteProcessInstance(support.getId(), "test over");
  }

  @Test
  void aDiagramNamingAFormNobodyDeployedIsRefusedNamingTheForm() throws IOException {
    String diagram = changedSupport().replace("camunda:formRef=\"allocateCinCoordinator\"",
        "camunda:formRef=\"allocateCoordinatorV2\"");

    assertThat(refusal(deployFromModeler("admin", withForms(diagram))))
        .contains("allocateCinCoordinator has no form 'allocateCoordinatorV2'");
  }

  @Test
  void aDiagramWithAScriptTaskIsRefusedNamingIt() throws IOException {
    String diagram = changedSupport().replace("<bpmn:endEvent id=\"EndEvent_TransferredToTeamAroundChild\"",
        "<bpmn:scriptTask id=\"ScriptTask_Tidy\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"
            + "<bpmn:endEvent id=\"EndEvent_TransferredToTeamAroundChild\"");

    assertThat(refusal(deployFromModeler("admin", withForms(diagram))))
        .contains("ScriptTask_Tidy is a script: keep logic in Java beans");
  }

  @Test
  void anExpressionNamingABeanThatIsNotTheApplicationsIsRefusedNamingTheElement() throws IOException {
    String diagram = changedSupport().replace("${caseTasks.dueWork('supportReview')}",
        "${runtimeService.getActiveActivityIds('x')}");

    assertThat(refusal(deployFromModeler("admin", withForms(diagram))))
        .contains("CallActivity_ChaseReview calls runtimeService in ${runtimeService.getActiveActivityIds('x')},"
            + " which is not a bean of the application");
  }

  @Test
  void aJavaClassInADiagramIsRefused() throws IOException {
    String diagram = changedSupport().replace("delegateExpression=\"${taskCompletionCheck}\"",
        "camunda:class=\"org.example.Anything\"");

    assertThat(refusal(deployFromModeler("admin", withForms(diagram)))).contains("names the Java class org.example.Anything");
  }

  @Test
  void anUndeclaredUserTaskIsRefusedNamingIt() throws IOException {
    String diagram = changedSupport().replaceAll("(id|bpmnElement|sourceRef|targetRef|attachedToRef)=\"allocateCinCoordinator\"",
        "$1=\"allocateCoordinator\"");

    assertThat(refusal(deployFromModeler("admin", withForms(diagram))))
        .contains("allocateCoordinator is not declared in CaseTask");
  }

  @Test
  void aTimerThatCitesNoPolicyIsRefusedNamingIt() throws IOException {
    String diagram = changedSupport().replace(
        "<bpmn:documentation>Salford §8: 6 weeks after support starts, then the interval the last review chose.</bpmn:documentation>",
        "<bpmn:documentation>6 weeks after support starts.</bpmn:documentation>");

    assertThat(refusal(deployFromModeler("admin", withForms(diagram))))
        .contains("Timer_ReviewOverdue is a timer whose documentation cites no policy paragraph");
  }

  @Test
  void aFormDeployedAloneMustStillAskForWhatItsTasksRecord() throws IOException {
    String form = Files.readString(Path.of("forms/allocate-cin-coordinator.form"))
        .replace("\"key\": \"cinCoordinator\"", "\"key\": \"coordinator\"");

    assertThat(refusal(deployFromModeler("admin", Map.of("allocate-cin-coordinator.form", form))))
        .contains("form allocateCinCoordinator does not ask for cinCoordinator, which allocateCinCoordinator of"
            + " ongoingSupport records");
  }

  @Test
  void aCaseworkerMayNotDeploy() throws IOException {
    ResponseEntity<Map> answer = deployFromModeler("socialworker1", withForms(changedSupport()));

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(repository.createDeploymentQuery().deploymentName("Support changed in Modeler").count()).isZero();
  }

  @Test
  void anAdministratorSeesThatTheEngineRunsWhatTheRepositoryDoesNotHold() throws IOException {
    assertThat(deployFromModeler("admin", withForms(changedSupport())).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> raw = http.withBasicAuth("admin", "admin").getForEntity("/api/deployment/drift", String.class);
    assertThat(raw.getStatusCode()).as(raw.getBody()).isEqualTo(HttpStatus.OK);
    ResponseEntity<List> drift = http.withBasicAuth("admin", "admin").getForEntity("/api/deployment/drift", List.class);
    assertThat(drift.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((List<Map<String, Object>>) drift.getBody()).anySatisfy(difference -> {
      assertThat(difference).containsEntry("kind", "process").containsEntry("key", "ongoingSupport")
          .containsEntry("file", "processes/ongoing-support.bpmn").containsEntry("deploymentSource", "Camunda Modeler")
          .containsEntry("deploymentName", "Support changed in Modeler");
      assertThat((String) difference.get("what")).contains("differs from the repository's file");
    });
    assertThat(http.withBasicAuth("socialworker1", "socialworker1").getForEntity("/api/deployment/drift", Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    repository.deleteDeployment(deployed.remove(0), true);
    assertThat((List<Map<String, Object>>) http.withBasicAuth("admin", "admin")
        .getForEntity("/api/deployment/drift", List.class).getBody())
        .noneMatch(difference -> "Support changed in Modeler".equals(difference.get("deploymentName")));
  }
}
