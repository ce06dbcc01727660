package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.localgov.reunification.casework.CaseTask;

/**
 * What process owners' diagrams must keep when they edit them in Modeler: forms that exist and
 * deploy with the process, server-side checks on every task, policy citations on every timescale.
 */
class ProcessModelTest {

  static final Path PROCESSES = Path.of("processes");
  static final Path FORMS = Path.of("forms");

  static Stream<Path> diagrams() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("diagrams")
  void everyDiagramKeepsTheRulesProcessOwnersWorkTo(Path diagram) {
    assertThat(ModelRules.problems(diagram, ModelRules.forms(FORMS))).as("problems in %s", diagram).isEmpty();
  }

  /** A declaration whose task is in no diagram is a task that was removed or renamed without it. */
  @org.junit.jupiter.api.Test
  void everyDeclaredTaskIsInADiagram() throws IOException {
    Set<String> inDiagrams = new java.util.HashSet<>();
    for (Path diagram : diagrams().toList()) {
      org.camunda.bpm.model.bpmn.Bpmn.readModelFromFile(diagram.toFile())
          .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)
          .forEach(task -> inDiagrams.add(task.getId()));
    }
    assertThat(java.util.Arrays.stream(CaseTask.values()).map(CaseTask::key)).containsExactlyInAnyOrderElementsOf(inDiagrams);
  }

  /**
   * A called process receives only what its call activity names: whatever its forms show must be
   * passed in, or be filled in by a form of its own.
   */
  @org.junit.jupiter.api.Test
  void whatACalledProcessShowsIsPassedToIt() throws IOException {
    java.util.Map<String, Set<String>> shown = ModelRules.shownByForms(FORMS);
    java.util.Map<String, Set<String>> filled = ModelRules.forms(FORMS);
    List<String> problems = new java.util.ArrayList<>();
    for (Path diagram : diagrams().toList()) {
      for (org.camunda.bpm.model.bpmn.instance.CallActivity call : org.camunda.bpm.model.bpmn.Bpmn
          .readModelFromFile(diagram.toFile()).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.CallActivity.class)) {
        List<org.camunda.bpm.model.bpmn.instance.UserTask> tasksOfCalled = List.copyOf(org.camunda.bpm.model.bpmn.Bpmn
            .readModelFromFile(PROCESSES.resolve(ModelRules.kebab(call.getCalledElement()) + ".bpmn").toFile())
            .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class));
        Set<String> available = new java.util.HashSet<>(ModelRules.passedIn(call));
        tasksOfCalled.forEach(task -> available.addAll(
            ModelRules.forTask(filled.getOrDefault(task.getCamundaFormRef(), Set.of()), task.getId())));
        tasksOfCalled.forEach(task -> ModelRules.forTask(shown.getOrDefault(task.getCamundaFormRef(), Set.of()), task.getId())
            .stream().filter(key -> !available.contains(key))
            .forEach(key -> problems.add(diagram.getFileName() + " " + call.getId() + " does not pass " + key
                + ", which form " + task.getCamundaFormRef() + " shows")));
      }
    }
    assertThat(problems).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aBrokenCopyOfADiagramIsCaughtByName(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
    String atHome = Files.readString(PROCESSES.resolve("child-at-home.bpmn"));
    String broken = atHome
        .replace("<bpmndi:BPMNShape id=\"CallActivity_OngoingSupport_di\" bpmnElement=\"CallActivity_OngoingSupport\">",
            "<bpmndi:BPMNShape id=\"CallActivity_OngoingSupport_di\" bpmnElement=\"Gateway_AtHome\">")
        .replace("camunda:formRef=\"firstHomeVisit\"", "camunda:formRef=\"noSuchForm\"")
        .replace("Salford §3: 7 days (care order", "Seven days (care order")
        .replace("calledElement=\"overdueChase\" camunda:variableMappingDelegateExpression=\"${caseFacts}\">"
            + "\n        <bpmn:documentation>Contract (timescales): when first home visit",
            "calledElement=\"overdueChase\">\n        <bpmn:documentation>Contract (timescales): when first home visit")
        // the first home visit's chase names the case's facts itself, forgets the team and passes all
        .replaceFirst("<camunda:in businessKey=\"#\\{execution.processBusinessKey\\}\" />",
            "<camunda:in businessKey=\"#{execution.processBusinessKey}\" /><camunda:in source=\"childId\" target=\"childId\" />"
            + "<camunda:in source=\"childName\" target=\"childName\" /><camunda:in source=\"socialWorker\" target=\"socialWorker\" />"
            + "<camunda:in source=\"iro\" target=\"iro\" /><camunda:in variables=\"all\" />");
    Path copy = folder.resolve("child-at-home.bpmn");
    Files.writeString(copy, broken);

    assertThat(ModelRules.problems(copy, ModelRules.forms(FORMS))).containsExactlyInAnyOrder(
        "CallActivity_OngoingSupport has no shape in the diagram",
        "firstHomeVisit has no form 'noSuchForm': none in forms/, in the deployment or deployed before",
        "Timer_FirstVisitOverdue is a timer whose documentation cites no policy paragraph",
        "CallActivity_ChaseFirstVisit passes all variables: name what overdueChase needs",
        "CallActivity_ChaseFirstVisit does not pass the case's team");
  }

  /** Who does a task is declared with it (CaseTask.Performer): a diagram that gives it to someone else is named. */
  @org.junit.jupiter.api.Test
  void aTaskGivenToSomeoneElseThanItsDeclarationSaysIsReportedByName(@org.junit.jupiter.api.io.TempDir Path folder)
      throws IOException {
    String planned = Files.readString(PROCESSES.resolve("planned-return.bpmn"));
    String moved = planned.replace("<bpmn:userTask id=\"preReturnReview\" name=\"Review return plan before return\""
        + " camunda:formRef=\"preReturnReview\" camunda:formRefBinding=\"latest\" camunda:assignee=\"${iro}\"",
        "<bpmn:userTask id=\"preReturnReview\" name=\"Review return plan before return\""
        + " camunda:formRef=\"preReturnReview\" camunda:formRefBinding=\"latest\" camunda:assignee=\"${socialWorker}\"");
    assertThat(moved).isNotEqualTo(planned);
    Path copy = folder.resolve("planned-return.bpmn");
    Files.writeString(copy, moved);

    assertThat(ModelRules.problems(copy, ModelRules.forms(FORMS))).containsExactly(
        "preReturnReview is given to assignee ${socialWorker} and candidate groups null, but is declared for the"
            + " child's Independent Reviewing Officer (assignee ${iro}, candidate groups null)");
  }

  /** Adding a task is its BPMN, its form and one declaration: a task without its declaration is named. */
  @org.junit.jupiter.api.Test
  void aTaskWithoutItsDeclarationIsReportedByName(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
    String atHome = Files.readString(PROCESSES.resolve("child-at-home.bpmn"));
    String added = atHome.replaceAll("(id|bpmnElement|sourceRef|targetRef|attachedToRef)=\"recordWithdrawal\"",
            "$1=\"recordWithdrawalReasons\"")
        .replace("name=\"Record first home visit\"", "name=\"Record the first visit\"");
    Path copy = folder.resolve("child-at-home.bpmn");
    Files.writeString(copy, added);

    assertThat(ModelRules.problems(copy, ModelRules.forms(FORMS))).containsExactlyInAnyOrder(
        "recordWithdrawalReasons is not declared in CaseTask, so nothing says what it records, what it is called or its stage",
        "firstHomeVisit is named 'Record the first visit' but declared as 'Record first home visit'");
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
    for (String form : List.of("complete-assessment.form", "return-plan.form")) {
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
    for (String form : List.of("return-plan.form")) {
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

}
