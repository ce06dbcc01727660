package uk.localgov.reunification.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import uk.localgov.reunification.casework.CaseRecord;
import uk.localgov.reunification.casework.CaseTask;

/**
 * What a diagram in processes/ must keep however a process owner redraws it, as a list of
 * problems each naming its element. Used by the model tests over every diagram.
 */
final class ModelRules {

  static final String CITES = "(?s).*(Salford §\\d|Wiltshire §\\d|Portsmouth|Coventry|[Rr]egs? \\d+|Children Act 1989 s\\d+).*";

  /** What every called process receives of its case, whoever calls it. */
  static final List<String> CASE_FACTS = CaseRecord.CALLED_PROCESS_FACTS;

  private ModelRules() {
  }

  /** The form id of each form in the folder, with the keys of all its fields, shown or filled in. */
  static Map<String, Set<String>> shownByForms(Path folder) {
    return forms(folder, true);
  }

  /** The variables a call activity passes to the process it calls. */
  static Set<String> passedIn(CallActivity call) {
    return call.getExtensionElements() == null ? Set.of() : call.getExtensionElements().getElementsQuery()
        .filterByType(CamundaIn.class).list().stream().map(CamundaIn::getCamundaTarget)
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
  }

  /** The form id of each form in the folder, with the keys of the fields a person fills in. */
  static Map<String, Set<String>> forms(Path folder) {
    return forms(folder, false);
  }

  private static Map<String, Set<String>> forms(Path folder, boolean shownToo) {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> forms = new HashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode form = json.readTree(file.toFile());
        Set<String> keys = new HashSet<>();
        form.get("components").forEach(component -> {
          if (component.has("key") && (shownToo || !component.path("readonly").asBoolean(false))) {
            keys.add(component.get("key").asText());
          }
        });
        forms.put(form.get("id").asText(), keys);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return forms;
  }

  static List<String> problems(Path diagram, Map<String, Set<String>> forms) {
    BpmnModelInstance model = Bpmn.readModelFromFile(diagram.toFile());
    List<String> problems = new ArrayList<>();
    Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> edge.getBpmnElement().getId()).collect(Collectors.toSet());
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!shapes.contains(node.getId())) {
        problems.add(node.getId() + " has no shape in the diagram");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!edges.contains(flow.getId())) {
        problems.add(flow.getId() + " has no line in the diagram");
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String id = task.getId();
      CaseTask declared = CaseTask.of(id).orElse(null);
      if (declared == null) {
        problems.add(id + " is not declared in CaseTask, so nothing says what it records, what it is called or its stage");
      }
      Set<String> fields = forms.get(task.getCamundaFormRef());
      if (fields == null) {
        problems.add(id + " has no form in forms/ (formRef '" + task.getCamundaFormRef() + "')");
      } else if (declared != null) {
        declared.requiredNames().stream().filter(variable -> !fields.contains(variable))
            .forEach(variable -> problems.add(id + "'s form does not ask for " + variable));
        fields.stream().map(ModelRules::variableOf).distinct().filter(variable -> !declared.recordedNames().contains(variable))
            .forEach(variable -> problems.add(id + "'s form asks for " + variable + ", which " + id + " does not record"));
      }
      if (!"deployment".equals(task.getCamundaFormRefBinding())) {
        problems.add(id + " must bind its form with camunda:formRefBinding=\"deployment\"");
      }
      if (declared != null && task.getName() != null && !task.getName().contains("${")
          && !task.getName().equals(declared.label())) {
        problems.add(id + " is named '" + task.getName() + "' but declared as '" + declared.label() + "'");
      }
      boolean checked = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
          .filterByType(CamundaExecutionListener.class).list().stream()
          .anyMatch(listener -> "end".equals(listener.getCamundaEvent())
              && "${taskCompletionCheck}".equals(listener.getCamundaDelegateExpression()));
      if (!checked) {
        problems.add(id + " lacks the completion check (execution listener ${taskCompletionCheck} on end)");
      }
      if (task.getCamundaDueDate() != null && !documentation(task).matches(CITES)) {
        problems.add(id + " has a due date but its documentation cites no policy paragraph");
      }
      if (declared != null && (task.getCamundaDueDate() != null) != declared.due().isPresent()) {
        problems.add(id + (task.getCamundaDueDate() != null ? " has a due date but declares no timescale"
            : " declares a timescale but has no due date"));
      }
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null && !forms.containsKey(start.getCamundaFormRef())) {
        problems.add(start.getId() + " has no form in forms/ (formRef '" + start.getCamundaFormRef() + "')");
      }
    }
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      BaseElement event = (BaseElement) timer.getParentElement();
      if (timer.getTimeDate() == null && timer.getTimeDuration() == null && timer.getTimeCycle() == null) {
        problems.add(event.getId() + " is a timer with no time");
      }
      if (!documentation(event).matches(CITES)) {
        problems.add(event.getId() + " is a timer whose documentation cites no policy paragraph");
      }
    }
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.getCamundaHistoryTimeToLiveString() == null || process.getCamundaHistoryTimeToLiveString().isBlank()) {
        problems.add(process.getId() + " has no history time to live");
      }
      if (!diagram.getFileName().toString().equals(kebab(process.getId()) + ".bpmn")) {
        problems.add(process.getId() + " should live in " + kebab(process.getId()) + ".bpmn");
      }
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      boolean all = call.getExtensionElements() != null && call.getExtensionElements().getElementsQuery()
          .filterByType(CamundaIn.class).list().stream().anyMatch(in -> "all".equals(in.getCamundaVariables()));
      if (all) {
        problems.add(call.getId() + " passes all variables: name what " + call.getCalledElement() + " needs");
      }
      Set<String> passed = passedIn(call);
      CASE_FACTS.stream().filter(fact -> !passed.contains(fact))
          .forEach(fact -> problems.add(call.getId() + " does not pass the case's " + fact));
    }
    model.getModelElementsByType(ScriptTask.class)
        .forEach(script -> problems.add(script.getId() + " is a script: keep logic in Java beans"));
    return problems;
  }

  /** The variable a form field fills in: {@code factorResponses.CODE} fills in {@code factorResponses}. */
  static String variableOf(String fieldKey) {
    int dot = fieldKey.indexOf('.');
    return dot < 0 ? fieldKey : fieldKey.substring(0, dot);
  }

  static String documentation(BaseElement element) {
    return element.getDocumentations().stream().map(Documentation::getTextContent).collect(Collectors.joining(" "));
  }

  static String kebab(String id) {
    return id.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
  }
}
