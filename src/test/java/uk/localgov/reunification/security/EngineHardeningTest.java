package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.casework.Cases;
import uk.localgov.reunification.WebappLogin;

/**
 * The engine's own protections, as application.yaml sets them: object variables deserialized
 * only into allowed types, no unbounded or oversized query from a caller, webapp logins logged.
 */
@ApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class EngineHardeningTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;

  /** A variable holding an object of a type outside the allow-list (java.net.URL is not in it). */
  static Map<String, Object> foreignObject(String value, String format) {
    return Map.of("value", value, "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.net.URL", "serializationDataFormat", format));
  }

  static String javaSerialized(Object object) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  ResponseEntity<String> writeAsAdministrator(String instanceId, Map<String, Object> value) {
    return http.withBasicAuth("admin", "admin").exchange("/engine-rest/process-instance/" + instanceId
        + "/variables/probe", HttpMethod.PUT, new HttpEntity<>(value), String.class);
  }

  @Test
  void aJavaSerializedObjectIsRefusedAndLeavesNothingBehind() throws Exception {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn",
        Cases.careOrderChild("DESER-" + System.nanoTime() % 100000));
    String serialized = javaSerialized(new URL("https://attacker.example/"));

    ResponseEntity<String> write = writeAsAdministrator(instance.getId(),
        foreignObject(serialized, "application/x-java-serialized-object"));
    ResponseEntity<String> start = http.withBasicAuth("admin", "admin").postForEntity(
        "/engine-rest/process-definition/key/plannedReturn/start", Map.of("businessKey", "DESER-START",
            "variables", Map.of("probe", foreignObject(serialized, "application/x-java-serialized-object"))),
        String.class);

    // refused by Camunda's REST API (Java serialization is off there) before anything is written
    assertThat(write.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat((Object) runtime.getVariableTyped(instance.getId(), "probe", false)).isNull();
    assertThat(start.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("DESER-START").count()).isZero();
  }

  @Test
  void anObjectOfATypeOutsideTheAllowListIsNeverDeserialized() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn",
        Cases.careOrderChild("DESER-" + System.nanoTime() % 100000));
    writeAsAdministrator(instance.getId(), foreignObject("\"https://attacker.example/\"", "application/json"));

    ResponseEntity<String> read = http.withBasicAuth("admin", "admin").getForEntity(
        "/engine-rest/process-instance/" + instance.getId() + "/variables/probe", String.class);

    assertThat(read.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(read.getBody()).contains("Cannot deserialize object in variable 'probe'", "java.net.URL");
    assertThatThrownBy(() -> runtime.getVariable(instance.getId(), "probe")).hasStackTraceContaining("java.net.URL");
  }

  @Test
  void aCallerMayNotAskForAnUnboundedOrOversizedList() {
    ResponseEntity<String> unbounded = http.withBasicAuth("socialworker1", "socialworker1")
        .getForEntity("/engine-rest/task", String.class);
    ResponseEntity<String> oversized = http.withBasicAuth("socialworker1", "socialworker1")
        .getForEntity("/engine-rest/history/process-instance?maxResults=2001", String.class);
    ResponseEntity<String> page = http.withBasicAuth("socialworker1", "socialworker1")
        .getForEntity("/engine-rest/task?firstResult=0&maxResults=2000", String.class);

    assertThat(unbounded.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unbounded.getBody()).contains("An unbound number of results is forbidden!");
    assertThat(oversized.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(oversized.getBody()).contains("Max results limit of 2000 exceeded!");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aWebappLoginIsLoggedNamingTheUser(CapturedOutput output) {
    ResponseEntity<String> login = WebappLogin.logIn(http, "default", "tasklist", "socialworker2", "socialworker2", false);

    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(output.getAll()).containsPattern("(?i)socialworker2.*(login|logged in)|(login|logged in).*socialworker2");
  }
}
