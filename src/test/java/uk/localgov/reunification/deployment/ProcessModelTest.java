package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.localgov.reunification.casework.TaskCompletionCheck;

/**
 * What process owners' diagrams must keep when they edit them in Modeler: forms that exist and
 * deploy with the process, server-side checks on every task, policy citations on every timescale.
 */
class ProcessModelTest {

  static final Path PROCESSES = Path.of("processes");
  static final Path FORMS = Path.of("forms");
  static final Set<String> CHECKED_TASKS = new TaskCompletionCheck(null, null, null).taskKeys();

  static Stream<Path> diagrams() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  static Set<String> formIds() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(FORMS)) {
      return files.filter(file -> file.toString().endsWith(".form")).map(file -> {
        try {
          return json.readTree(file.toFile()).get("id").asText();
        } catch (IOException e) {
          throw new IllegalStateException(file + " is not a readable form", e);
        }
      }).collect(Collectors.toSet());
    }
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void everyUserTaskHasADeployedFormAndAServerSideCheck(Path diagram) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
    Set<String> forms = formIds();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaFormRef()).as("form of %s", task.getId()).isIn(forms);
      assertThat(task.getCamundaFormRefBinding()).as("form binding of %s", task.getId()).isEqualTo("deployment");
      assertThat(task.getId()).as("%s has completion rules", task.getId()).isIn(CHECKED_TASKS);
      assertThat(listeners(task)).as("completion check on %s", task.getId())
          .anyMatch(listener -> "end".equals(listener.getCamundaEvent())
              && "${taskCompletionCheck}".equals(listener.getCamundaDelegateExpression()));
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        assertThat(start.getCamundaFormRef()).isIn(forms);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void everyTimescaleCitesItsPolicyParagraph(Path diagram) {
    BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      assertThat(documentation((BaseElement) timer.getParentElement())).as("timer in %s", diagram).matches(CITES);
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (task.getCamundaDueDate() != null) {
        assertThat(documentation(task)).as("due date of %s", task.getId()).matches(CITES);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void everyProcessKeepsHistoryForAKnownTimeAndRunsNoScripts(Path diagram) {
    BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
    for (Process process : model.getModelElementsByType(Process.class)) {
      assertThat(process.getCamundaHistoryTimeToLiveString()).as("history time to live of %s", process.getId())
          .isNotBlank();
    }
    assertThat(model.getModelElementsByType(ScriptTask.class)).isEmpty();
    assertThat(diagram.getFileName().toString())
        .as("a file is named after its process")
        .isEqualTo(kebab(model.getModelElementsByType(Process.class).iterator().next().getId()) + ".bpmn");
  }

  /**
   * Wiltshire §3, §6: the forms that record research factors and answer them follow the decision
   * table, so a factor a process owner adds to the table must reach the forms too.
   */
  @org.junit.jupiter.api.Test
  void theFactorFormsFollowTheResearchFactorsDecision() throws IOException {
    org.camunda.bpm.model.dmn.DmnModelInstance table =
        org.camunda.bpm.model.dmn.Dmn.readModelFromFile(PROCESSES.resolve("reunification-factors.dmn").toFile());
    java.util.Map<String, String> supportByRiskCode = new java.util.LinkedHashMap<>();
    Set<String> protective = new java.util.HashSet<>();
    for (org.camunda.bpm.model.dmn.instance.Rule rule : table.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Rule.class)) {
      List<String> out = rule.getOutputEntries().stream().map(entry -> entry.getTextContent().replace("\"", "")).toList();
      if (out.size() < 7) {
        continue;
      }
      if (Boolean.parseBoolean(out.get(6))) {
        supportByRiskCode.put(out.get(0), out.get(3));
      } else {
        protective.add(out.get(0));
      }
    }
    ObjectMapper json = new ObjectMapper();
    for (String form : List.of("complete-assessment.form", "complete-return-plan.form")) {
      com.fasterxml.jackson.databind.JsonNode components = json.readTree(FORMS.resolve(form).toFile()).get("components");
      for (com.fasterxml.jackson.databind.JsonNode component : components) {
        Set<String> values = new java.util.HashSet<>();
        component.path("values").forEach(value -> values.add(value.get("value").asText()));
        if ("factorsPresent".equals(component.path("key").asText())) {
          assertThat(values).as("risk factors offered in %s", form).isEqualTo(supportByRiskCode.keySet());
        }
        if ("protectiveFactors".equals(component.path("key").asText())) {
          assertThat(values).as("protective factors offered in %s", form).isEqualTo(protective);
        }
      }
    }
    for (String form : List.of("compile-return-plan.form", "complete-return-plan.form")) {
      java.util.Map<String, String> described = new java.util.HashMap<>();
      json.readTree(FORMS.resolve(form).toFile()).get("components").forEach(component -> {
        String key = component.path("key").asText();
        if (key.startsWith("factorResponses.")) {
          described.put(key.substring("factorResponses.".length()), component.path("description").asText());
        }
      });
      assertThat(described.keySet()).as("a response box per risk factor in %s", form).isEqualTo(supportByRiskCode.keySet());
      supportByRiskCode.forEach((code, support) ->
          assertThat(described.get(code)).as("support for %s in %s", code, form).isEqualTo("The research calls for: " + support));
    }
  }

  static final String CITES = "(?s).*(Salford §\\d|Wiltshire §\\d|Portsmouth|Coventry).*";

  static String documentation(BaseElement element) {
    return element.getDocumentations().stream().map(Documentation::getTextContent).collect(Collectors.joining(" "));
  }

  static Collection<CamundaExecutionListener> listeners(UserTask task) {
    return task.getExtensionElements() == null ? List.of()
        : task.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list();
  }

  static String kebab(String id) {
    return id.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
  }
}
