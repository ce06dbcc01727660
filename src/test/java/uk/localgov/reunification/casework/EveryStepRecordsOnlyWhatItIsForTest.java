package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.identity.Roles;

/**
 * Contract (wave 2, a case's record changes only through its steps): every user task of every
 * process records what its declaration ({@link CaseTask}) names and nothing else; a start takes only
 * its start variables. Generated from the diagrams and the declarations: a new task is covered the
 * day it is declared.
 */
@ApplicationTest
class EveryStepRecordsOnlyWhatItIsForTest extends ProcessTest {

  /** The case's own facts, which no step but their own may rewrite, with a value the case does not hold. */
  static final Map<String, Object> FACTS_REWRITTEN = Map.of("socialWorker", "socialworker3", "iro", "iro2",
      "team", "teamsouth", "legalStatus", "SECTION_20", "weeksAccommodated", 2, "outcome", "SUSTAINED_AT_HOME",
      "firstVisitWithinDays", 99);
  static final Map<String, String> A_MEMBER_OF = Map.of(Roles.CIN_COORDINATORS, "cincoordinator1");

  @Autowired
  TestRestTemplate http;

  /** Each user task of each diagram, with its process. */
  static Stream<Arguments> everyTaskOfEveryProcess() throws IOException {
    List<Arguments> tasks = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path diagram : files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList()) {
        var model = Bpmn.readModelFromFile(diagram.toFile());
        String process = model.getModelElementsByType(Process.class).iterator().next().getId();
        model.getModelElementsByType(UserTask.class).forEach(task -> tasks.add(Arguments.of(process, task.getId())));
      }
    }
    return tasks.stream();
  }

  static Stream<Arguments> everyTaskAndFact() throws IOException {
    return everyTaskOfEveryProcess().flatMap(task -> FACTS_REWRITTEN.keySet().stream().sorted()
        .filter(fact -> !CaseTask.of((String) task.get()[1]).orElseThrow().recordedNames().contains(fact))
        .map(fact -> Arguments.of(task.get()[0], task.get()[1], fact)));
  }

  /** A case of the process waiting at the task, with what its expressions read. */
  Task waitingAt(String process, String taskKey) {
    String childId = newChildId("STEP-");
    Map<String, Object> facts = new HashMap<>(Cases.careOrderChild(childId));
    String today = LocalDate.now(ENGLAND).toString();
    facts.putAll(Map.of("team", "teamnorth", "returnDate", today, "returnReason", "PLACEMENT_BREAKDOWN",
        "firstVisitWithinDays", 7, "cinCoordinator", "cincoordinator1", "nextReviewDue", new Date(),
        "nextProgressDue", new Date(), "overdueWork", "First home visit", "overdueSince", today,
        "concernDetails", "Raised in a test"));
    facts.putAll(Map.of("checkInMonths", 3, "closedOn", today));
    facts.putAll(Map.of("visitWithinDays", 7, "visitDate", today));
    var start = runtime.createProcessInstanceByKey(process).businessKey(childId).setVariables(facts)
        .startBeforeActivity(taskKey);
    if (ReturnStartCheck.RETURN_PROCESSES.contains(process)) {
      // a return's case has its life at home from the start, which the return tells its plan and its day home
      start.startBeforeActivity("CallActivity_ChildAtHome");
    }
    ProcessInstance instance = start.execute();
    return caseTasks(instance).taskDefinitionKey(taskKey).singleResult();
  }

  /** Values that keep every rule of the task's declaration, dated on the engine's clock (the walk of every path moves it). */
  static Map<String, Object> valid(CaseTask task) {
    Map<String, Object> values = new HashMap<>();
    for (Recorded recorded : task.records()) {
      if (!recorded.required()) {
        continue;
      }
      values.put(recorded.name(), switch (recorded.kind()) {
        case TEXT -> "Recorded in a test";
        case YES_OR_NO -> true;
        case PAST_OR_TODAY_DATE -> org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().atZone(ENGLAND)
            .toLocalDate().toString();
        case ONE_OF -> recorded.values().get(0);
        case MEMBER_OF -> A_MEMBER_OF.get(recorded.values().get(0));
        default -> throw new IllegalStateException("no sample for required " + recorded);
      });
    }
    return values;
  }

  @ParameterizedTest(name = "{1} of {0} records what it is declared to record")
  @MethodSource("everyTaskOfEveryProcess")
  void eachTaskCompletesWithTheValuesItIsDeclaredToRecord(String process, String taskKey) {
    Task task = waitingAt(process, taskKey);

    tasks.complete(task.getId(), valid(CaseTask.of(taskKey).orElseThrow()));

    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @ParameterizedTest(name = "{1} of {0} may not rewrite {2}")
  @MethodSource("everyTaskAndFact")
  void aCompletionThatWritesAnythingElseIsRefusedNamingItAndChangesNothing(String process, String taskKey, String fact) {
    Task task = waitingAt(process, taskKey);
    Map<String, Object> before = runtime.getVariables(task.getProcessInstanceId());
    Map<String, Object> values = new HashMap<>(valid(CaseTask.of(taskKey).orElseThrow()));
    values.put(fact, FACTS_REWRITTEN.get(fact));

    assertThatThrownBy(() -> tasks.complete(task.getId(), values))
        .isInstanceOf(CaseInputRefused.class).hasMessageStartingWith("'" + fact + "' is not recorded by");

    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isOne();
    assertThat(runtime.getVariables(task.getProcessInstanceId())).as("the case is unchanged").isEqualTo(before);
  }

  static Stream<Arguments> everyStartAndFact() {
    return Stream.of(CaseStart.values()).flatMap(start -> Stream.of("team", "outcome", "firstVisitWithinDays", "cinCoordinator")
        .map(extra -> Arguments.of(start, extra)));
  }

  @ParameterizedTest(name = "a start of {0} may not set {1}")
  @MethodSource("everyStartAndFact")
  void aStartWithAnythingButItsStartVariablesIsRefusedNamingItAndLeavesNoCase(CaseStart start, String extra) {
    String childId = newChildId("START-");
    Map<String, Object> variables = switch (start) {
      case PLANNED_RETURN -> new HashMap<>(Cases.careOrderChild(childId));
      case UNPLANNED_RETURN -> new HashMap<>(Cases.with(Cases.careOrderChild(childId),
          "returnDate", LocalDate.now(ENGLAND).toString(), "returnReason", "PLACEMENT_BREAKDOWN"));
      case REPORT_CASE_EVENT -> new HashMap<>(Map.of("childId", childId, "caseEvent", "WelfareConcernRaised",
          "eventDetails", "Reported in a test"));
    };
    // every start variable but the optional court's facts of a case event (only for CareOrderDischarged, CourtOrderMade)
    assertThat(variables.keySet()).containsExactlyInAnyOrderElementsOf(start.variables().stream()
        .filter(name -> !java.util.Set.of("dischargeDate", "orderMade", "orderMadeOn").contains(name)).toList());
    variables.put(extra, "teamsouth");

    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(start.processKey(), childId, variables))
        .isInstanceOf(CaseInputRefused.class).hasMessageStartingWith("'" + extra + "' is not a start variable of");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).count()).isZero();
  }

  /** The engine's REST API and Tasklist's (the same resources under /camunda/api/engine) answer 400 naming the variable. */
  @org.junit.jupiter.api.Test
  void overHttpACompletionThatReallocatesTheCaseIsRefusedNamingTheVariable() {
    Task task = waitingAt("plannedReturn", "completeAssessment");
    Map<String, Object> body = Map.of("variables", Map.of(
        "assessmentSummary", Map.of("value", "Strengths and risks", "type", "String"),
        "socialWorker", Map.of("value", "socialworker3", "type", "String")));

    for (String operation : List.of("complete", "submit-form")) {
      ResponseEntity<String> answer = http.withBasicAuth("socialworker1", "socialworker1")
          .postForEntity("/engine-rest/task/" + task.getId() + "/" + operation, body, String.class);
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).contains("'socialWorker' is not recorded by Complete Children and Families Assessment");
    }
    assertThat(runtime.getVariable(task.getProcessInstanceId(), "socialWorker")).isEqualTo("socialworker1");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  /** Tasklist sends a form's read-only fields back as shown: that writes nothing and is not refused. */
  @org.junit.jupiter.api.Test
  void aReadOnlyFieldSentBackAsShownIsNotAChange() {
    Task task = waitingAt("plannedReturn", "preReturnReview");
    runtime.setVariable(task.getProcessInstanceId(), "returnPlan", "The plan as written");

    ResponseEntity<String> answer = http.withBasicAuth("iro1", "iro1").postForEntity(
        "/engine-rest/task/" + task.getId() + "/submit-form", Map.of("variables", Map.of(
            "reviewOutcome", Map.of("value", "RETURN_NOT_SUPPORTED", "type", "String"),
            "reviewReasons", Map.of("value", "The risks found at assessment are not yet reduced", "type", "String"),
            "returnPlan", Map.of("value", "The plan as written", "type", "String"),
            "furtherInformation", Map.of("value", "", "type", "String"))), String.class);

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(history.createHistoricDetailQuery().processInstanceId(task.getProcessInstanceId()).variableUpdates()
        .list().stream().filter(update -> "returnPlan".equals(((org.camunda.bpm.engine.history.HistoricVariableUpdate) update)
            .getVariableName()))).as("the plan was not written again").hasSize(1);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .variableName("furtherInformation").count()).as("an empty read-only field made no variable").isZero();
  }
}
