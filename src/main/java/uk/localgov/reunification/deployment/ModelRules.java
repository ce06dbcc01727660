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
 * What a diagram must keep however a process owner redraws it, as a list of problems each naming
 * its element and the rule. One implementation for both: the model tests over every diagram in
 * {@code processes/}, and every deployment the engine takes, from Camunda Modeler, REST or start-up
 * ({@link DeploymentRules}).
 */
public final class ModelRules {

  public static final String CITES = "(?s).*(Salford §\\d|Wiltshire §\\d|Portsmouth|Coventry|[Rr]egs? \\d+|Children Act 1989 s\\d+).*";

  /** What every called process receives of its case, whoever calls it. */
  public static final List<String> CASE_FACTS = CaseRecord.CALLED_PROCESS_FACTS;

  private ModelRules() {
  }

  /** Identifiers an expression may call methods on besides the application's beans: the engine's own. */
  static final Set<String> ENGINE_NAMES = Set.of("execution", "task");
  /** A method called on a name: {@code caseCalendar.dayOf(...)} names {@code caseCalendar}. */
  private static final java.util.regex.Pattern CALLED = java.util.regex.Pattern.compile(
      "(?<![\\w.$])([A-Za-z_][A-Za-z0-9_]*)\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\(");
  private static final java.util.regex.Pattern EXPRESSION = java.util.regex.Pattern.compile("[$#]\\{([^}]*)}");

  /** The form id of each form in the folder, with the keys of all its fields, shown or filled in. */
  public static Map<String, Set<String>> shownByForms(Path folder) {
    return forms(folder, true);
  }

  /** The variables a call activity passes to the process it calls. */
  public static Set<String> passedIn(CallActivity call) {
    Set<String> passed = call.getExtensionElements() == null ? new java.util.HashSet<>()
        : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
            .map(CamundaIn::getCamundaTarget).filter(java.util.Objects::nonNull).collect(Collectors.toCollection(java.util.HashSet::new));
    String mapping = call.getCamundaVariableMappingDelegateExpression();
    if (mapping != null && uk.localgov.reunification.casework.CalledProcessFacts.BY_EXPRESSION.containsKey(mapping)) {
      passed.addAll(uk.localgov.reunification.casework.CalledProcessFacts.BY_EXPRESSION.get(mapping).in());
    }
    return passed;
  }

  /** The form id of each form in the folder, with the keys of the fields a person fills in. */
  public static Map<String, Set<String>> forms(Path folder) {
    return forms(folder, false);
  }

  /** The form's id and the keys of the fields a person fills in, read from a form's JSON. */
  public static Map.Entry<String, Set<String>> form(byte[] content) {
    try {
      JsonNode form = new ObjectMapper().readTree(content);
      return Map.entry(form.path("id").asText(), fields(form, false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Set<String>> forms(Path folder, boolean shownToo) {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> forms = new HashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        JsonNode form = json.readTree(file.toFile());
        forms.put(form.get("id").asText(), fields(form, shownToo));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return forms;
  }

  /**
   * The keys of a form's fields: those a person fills in, or with {@code shownToo} the read-only ones as well.
   * One form may serve several tasks that differ in a heading or a field: the task sets the input
   * variable {@code taskKey} to its own id, and a field shown to some of them only hides itself with
   * {@code =taskKey != "a" and taskKey != "b"} (kept as {@code key@a}, {@code key@b}), one hidden from a
   * task with {@code =taskKey = "a"} ({@code key!a}). {@link #forTask} reads the fields a task's form shows.
   */
  private static Set<String> fields(JsonNode form, boolean shownToo) {
    Set<String> keys = new HashSet<>();
    form.path("components").forEach(component -> {
      if (component.has("key") && (shownToo || !component.path("readonly").asBoolean(false))) {
        String key = component.get("key").asText();
        String hide = component.path("conditional").path("hide").asText("").replace(" ", "");
        java.util.regex.Matcher hiddenFrom = HIDDEN_FROM_ONE.matcher(hide);
        if (SHOWN_TO_SOME.matcher(hide).matches()) {
          java.util.regex.Matcher task = TASK_NAMED.matcher(hide);
          while (task.find()) {
            keys.add(key + "@" + task.group(1));
          }
        } else if (hiddenFrom.matches()) {
          keys.add(key + "!" + hiddenFrom.group(1));
        } else {
          keys.add(key);
        }
      }
    });
    return keys;
  }

  static final String TASK_KEY = "taskKey";
  private static final java.util.regex.Pattern SHOWN_TO_SOME =
      java.util.regex.Pattern.compile("=taskKey!=\"\\w+\"(andtaskKey!=\"\\w+\")*");
  private static final java.util.regex.Pattern TASK_NAMED = java.util.regex.Pattern.compile("taskKey!=\"(\\w+)\"");
  private static final java.util.regex.Pattern HIDDEN_FROM_ONE = java.util.regex.Pattern.compile("=taskKey=\"(\\w+)\"");

  /** The fields of a form (as {@link #forms} reads them) that it shows to the task with this key. */
  public static Set<String> forTask(Set<String> fields, String taskKey) {
    Set<String> shown = new HashSet<>();
    for (String field : fields) {
      int only = field.indexOf('@');
      int not = field.indexOf('!');
      if (only > 0) {
        if (field.substring(only + 1).equals(taskKey)) {
          shown.add(field.substring(0, only));
        }
      } else if (not > 0) {
        if (!field.substring(not + 1).equals(taskKey)) {
          shown.add(field.substring(0, not));
        }
      } else {
        shown.add(field);
      }
    }
    return shown;
  }

  /** Whether the form tells tasks apart by {@code taskKey}, so each task using it must set it. */
  static boolean distinguishesTasks(Set<String> fields) {
    return fields.stream().anyMatch(field -> field.indexOf('@') > 0 || field.indexOf('!') > 0);
  }

  /** The value a user task gives its input variable {@code taskKey}, or {@code null}. */
  static String taskKeyOf(UserTask task) {
    if (task.getExtensionElements() == null) {
      return null;
    }
    return task.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).list().stream()
        .flatMap(io -> io.getCamundaInputParameters().stream())
        .filter(parameter -> TASK_KEY.equals(parameter.getCamundaName()))
        .map(parameter -> parameter.getTextContent().trim()).findFirst().orElse(null);
  }

  /** The problems of a diagram in a folder, its forms those of {@code forms}, its beans the application's. */
  public static List<String> problems(Path diagram, Map<String, Set<String>> forms) {
    return problems(Bpmn.readModelFromFile(diagram.toFile()), diagram.getFileName().toString(), forms,
        ApplicationBeans.names());
  }

  /**
   * The problems of a diagram deployed under {@code resourceName}: {@code forms} the forms its tasks
   * may find (form id to the keys a person fills in), {@code beans} the names its expressions may call.
   */
  public static List<String> problems(BpmnModelInstance model, String resourceName, Map<String, Set<String>> forms,
      Set<String> beans) {
    List<String> problems = new ArrayList<>();
    String fileName = resourceName.substring(resourceName.lastIndexOf('/') + 1);
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
      Set<String> formFields = forms.get(task.getCamundaFormRef());
      Set<String> fields = formFields == null ? null : forTask(formFields, id);
      if (formFields != null && distinguishesTasks(formFields) && !id.equals(taskKeyOf(task))) {
        problems.add(id + " must set the input variable " + TASK_KEY + " to '" + id + "': its form '"
            + task.getCamundaFormRef() + "' shows some fields only to some of its tasks");
      }
      if (fields == null) {
        problems.add(id + " has no form '" + task.getCamundaFormRef() + "': none in forms/, in the deployment or deployed"
            + " before");
      } else if (declared != null) {
        declared.requiredNames().stream().filter(variable -> !fields.contains(variable))
            .forEach(variable -> problems.add(id + "'s form does not ask for " + variable));
        fields.stream().map(ModelRules::variableOf).distinct().filter(variable -> !declared.recordedNames().contains(variable))
            .forEach(variable -> problems.add(id + "'s form asks for " + variable + ", which " + id + " does not record"));
      }
      if (!FORM_BINDING.equals(task.getCamundaFormRefBinding())) {
        problems.add(id + " must bind its form with camunda:formRefBinding=\"" + FORM_BINDING + "\"");
      }
      if (declared != null && task.getName() != null && !task.getName().contains("${")
          && !task.getName().equals(declared.label())) {
        problems.add(id + " is named '" + task.getName() + "' but declared as '" + declared.label() + "'");
      }
      if (declared != null && (!java.util.Objects.equals(declared.performer().assignee(), task.getCamundaAssignee())
          || !java.util.Objects.equals(declared.performer().candidateGroups(), task.getCamundaCandidateGroups()))) {
        problems.add(id + " is given to assignee " + task.getCamundaAssignee() + " and candidate groups "
            + task.getCamundaCandidateGroups() + ", but is declared for " + declared.performer().who() + " (assignee "
            + declared.performer().assignee() + ", candidate groups " + declared.performer().candidateGroups() + ")");
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
        problems.add(start.getId() + " has no form '" + start.getCamundaFormRef() + "': none in forms/, in the deployment"
            + " or deployed before");
      }
      if (start.getCamundaFormRef() != null && !FORM_BINDING.equals(start.getCamundaFormRefBinding())) {
        problems.add(start.getId() + " must bind its form with camunda:formRefBinding=\"" + FORM_BINDING + "\"");
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
      if (!fileName.equals(kebab(process.getId()) + ".bpmn")) {
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
    model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript.class)
        .forEach(script -> problems.add(owner(script) + " has a script: keep logic in Java beans"));
    expressions(model, beans, problems);
    return problems;
  }

  /**
   * Every expression names only the application's own beans (or the engine's {@code execution} and
   * {@code task}), and nothing names a Java class: an expression can reach any bean of the Spring
   * context, the engine's services included, so a diagram must not reach past the application.
   */
  private static void expressions(BpmnModelInstance model, Set<String> beans, List<String> problems) {
    org.w3c.dom.Document xml;
    try {
      javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      xml = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(Bpmn.convertToString(model))));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the diagram's XML", e);
    }
    expressions(xml.getDocumentElement(), null, beans, problems);
  }

  private static void expressions(org.w3c.dom.Element element, String owner, Set<String> beans, List<String> problems) {
    String where = element.hasAttribute("id") ? element.getAttribute("id") : owner == null ? element.getLocalName() : owner;
    List<String> texts = new ArrayList<>();
    org.w3c.dom.NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      org.w3c.dom.Node attribute = attributes.item(i);
      boolean camunda = CAMUNDA.equals(attribute.getNamespaceURI());
      if (camunda && "class".equals(attribute.getLocalName())) {
        problems.add(where + " names the Java class " + attribute.getNodeValue()
            + ": use a bean of the application by expression");
      } else if (camunda && "delegateExpression".equals(attribute.getLocalName())) {
        java.util.regex.Matcher bean = java.util.regex.Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}")
            .matcher(attribute.getNodeValue());
        if (!bean.matches() || !beans.contains(bean.group(1))) {
          problems.add(where + " delegates to " + attribute.getNodeValue() + ", which is not a bean of the application");
        }
      } else {
        texts.add(attribute.getNodeValue());
      }
    }
    boolean leaf = true;
    for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element childElement) {
        leaf = false;
        expressions(childElement, where, beans, problems);
      }
    }
    if (leaf && !"documentation".equals(element.getLocalName())) {
      texts.add(element.getTextContent());
    }
    for (String text : texts) {
      java.util.regex.Matcher expression = EXPRESSION.matcher(text == null ? "" : text);
      while (expression.find()) {
        java.util.regex.Matcher called = CALLED.matcher(expression.group(1));
        while (called.find()) {
          String name = called.group(1);
          if (!beans.contains(name) && !ENGINE_NAMES.contains(name)) {
            problems.add(where + " calls " + name + " in " + expression.group() + ", which is not a bean of the"
                + " application");
          }
        }
      }
    }
  }

  private static String owner(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
    for (var parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof BaseElement base && base.getId() != null) {
        return base.getId();
      }
    }
    return "the diagram";
  }

  /**
   * How every form is bound. {@code latest}: a diagram deployed from Modeler on its own finds the
   * forms already deployed, and a form deployed on its own reaches every task at once; every
   * deployment is checked so that each form a task names exists and asks for what the task records.
   */
  public static final String FORM_BINDING = "latest";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  /** The variable a form field fills in: {@code factorResponses.CODE} fills in {@code factorResponses}. */
  public static String variableOf(String fieldKey) {
    int dot = fieldKey.indexOf('.');
    return dot < 0 ? fieldKey : fieldKey.substring(0, dot);
  }

  public static String documentation(BaseElement element) {
    return element.getDocumentations().stream().map(Documentation::getTextContent).collect(Collectors.joining(" "));
  }

  public static String kebab(String id) {
    return id.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
  }
}
