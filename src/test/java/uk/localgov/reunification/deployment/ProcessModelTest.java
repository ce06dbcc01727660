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
