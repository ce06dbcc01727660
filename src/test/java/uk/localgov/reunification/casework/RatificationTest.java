package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;

import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import uk.localgov.reunification.ApplicationTest;

/** Salford §7: the nominated officer's oversight of the decision to return a child home. */
@ApplicationTest
class RatificationTest extends ProcessTest {

  @org.springframework.beans.factory.annotation.Autowired
  org.camunda.bpm.engine.FormService formService;
  @org.springframework.beans.factory.annotation.Autowired
  uk.localgov.reunification.chronology.CaseChronology chronology;

  ProcessInstance requested(String childId) {
    return runtime.startProcessInstanceByKey("ratification", childId,
        vars("childId", childId, "childName", "Jamie Example", "socialWorker", "socialworker2", "iro", "iro2",
            "team", "teamnorth", "returnPlan", "Family support"));
  }

  /** A decision with its consultation; a refusal or a request for more information says why (Salford §7). */
  static Map<String, Object> decision(String decision, boolean wishes, boolean iro) {
    Map<String, Object> values = vars("ratificationDecision", decision, "childWishesConsidered", wishes, "iroConsulted",
        iro, "relativesConsulted", true, "carersConsulted", true);
    if (!"RATIFIED".equals(decision)) {
      values.put("ratificationReasons", "MORE_INFORMATION".equals(decision)
          ? "Send the IRO's view, and say who supports the parent at weekends"
          : "The plan leaves the weekends without support");
    }
    return values;
  }

  @Test
  void theHeadOfServiceRatifiesOnceTheChildsWishesAndTheIroAreConsidered() {
    ProcessInstance instance = requested("RAT-1");

    assertThat(task(RATIFY_DECISION, instance)).hasCandidateGroup("headofservice");
    complete(task(RATIFY_DECISION, instance), decision("RATIFIED", true, true));

    assertThatCase(instance).isEnded().hasPassed("EndEvent_Ratified");
  }

  @Test
  void ratifyingWithoutTheChildsWishesIsRefused() {
    ProcessInstance instance = requested("RAT-2");

    assertThatThrownBy(() -> tasks.complete(task(RATIFY_DECISION, instance).getId(), decision("RATIFIED", false, true)))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'childWishesConsidered' must be true to ratify");

    assertThatCase(instance).isWaitingAt("ratifyDecision");
  }

  @Test
  void ratifyingWithoutConsultingTheIroIsRefused() {
    ProcessInstance instance = requested("RAT-3");

    assertThatThrownBy(() -> tasks.complete(task(RATIFY_DECISION, instance).getId(), decision("RATIFIED", true, false)))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'iroConsulted' must be true to ratify");

    assertThatCase(instance).isWaitingAt("ratifyDecision");
  }

  @Test
  void aDecisionOutsideTheListIsRefused() {
    ProcessInstance instance = requested("RAT-4");

    assertThatThrownBy(() -> tasks.complete(task(RATIFY_DECISION, instance).getId(), decision("MAYBE", true, true)))
        .isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'ratificationDecision' must be one of MORE_INFORMATION, NOT_RATIFIED, RATIFIED");
  }

  @Test
  void theNominatedOfficerCanAskTheSocialWorkerForMoreInformationThenDecideAgain() {
    ProcessInstance instance = requested("RAT-5");

    complete(task(RATIFY_DECISION, instance), decision("MORE_INFORMATION", true, false));

    assertThat(task(PROVIDE_FURTHER_INFORMATION, instance)).isAssignedTo("socialworker2");
    complete(task(PROVIDE_FURTHER_INFORMATION, instance), vars("furtherInformation", "Grandmother will provide respite"));
    assertThat(task(RATIFY_DECISION, instance)).hasCandidateGroup("headofservice");
    complete(task(RATIFY_DECISION, instance), decision("NOT_RATIFIED", true, true));

    assertThatCase(instance).isEnded().hasPassed("provideFurtherInformation", "EndEvent_NotRatified");
  }

  /**
   * Salford §7: a refusal, or a request for more information, says why: the service manager who
   * decides the next steps and the social worker who answers read it. A ratification need not.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"NOT_RATIFIED", "MORE_INFORMATION"})
  void aRefusalOrARequestForMoreInformationWithoutReasonsIsRefused(String refusedOrAsked) {
    ProcessInstance instance = requested(newChildId("RAT-R-"));
    Map<String, Object> withoutReasons = decision(refusedOrAsked, true, true);
    withoutReasons.remove("ratificationReasons");

    assertThatThrownBy(() -> tasks.complete(task(RATIFY_DECISION, instance).getId(), withoutReasons))
        .isInstanceOf(CaseInputRefused.class).hasMessageStartingWith("'ratificationReasons' is required when the decision"
            + " is " + refusedOrAsked);
    withoutReasons.put("ratificationReasons", " ");
    assertThatThrownBy(() -> tasks.complete(task(RATIFY_DECISION, instance).getId(), withoutReasons))
        .isInstanceOf(CaseInputRefused.class).hasMessageStartingWith("'ratificationReasons' is required");

    assertThatCase(instance).isWaitingAt("ratifyDecision");
  }

  @Test
  void aRatificationWithoutReasonsIsAccepted() {
    ProcessInstance instance = requested(newChildId("RAT-R-"));

    complete(task(RATIFY_DECISION, instance), decision("RATIFIED", true, true));

    assertThatCase(instance).isEnded().hasPassed("EndEvent_Ratified");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("ratificationReasons").count()).isZero();
  }

  /**
   * The social worker asked for more information sees what the nominated officer asked for, and why,
   * on the task's form; the case's record keeps the reasons of each decision.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theSocialWorkerAskedForMoreSeesTheReasonsAndTheCasesRecordKeepsThem() {
    String childId = newChildId("RAT-R-");
    ClockUtil.setCurrentTime(at(2026, 3, 2, 10, 0));
    ProcessInstance instance = requested(childId);

    complete(task(RATIFY_DECISION, instance), decision("MORE_INFORMATION", true, false));
    ClockUtil.setCurrentTime(at(2026, 3, 3, 10, 0));

    org.camunda.bpm.engine.task.Task asked = task(PROVIDE_FURTHER_INFORMATION, instance);
    assertThat(formService.getTaskFormVariables(asked.getId()).get("ratificationReasons"))
        .isEqualTo("Send the IRO's view, and say who supports the parent at weekends");
    complete(asked, vars("furtherInformation", "The IRO supports the return; grandmother has the child at weekends"));
    ClockUtil.setCurrentTime(at(2026, 3, 4, 10, 0));
    complete(task(RATIFY_DECISION, instance), with(decision("NOT_RATIFIED", true, true),
        "ratificationReasons", "Weekend care by the grandmother is not assessed"));

    var decisions = ((java.util.List<uk.localgov.reunification.chronology.CaseChronology.Entry>) chronology.of(childId)
        .get("entries")).stream().filter(entry -> "ratifyDecision".equals(entry.taskKey())).toList();
    assertThat(decisions).extracting(entry -> entry.values().get("ratificationDecision"))
        .containsExactly("MORE_INFORMATION", "NOT_RATIFIED");
    assertThat(decisions).extracting(entry -> entry.values().get("ratificationReasons")).containsExactly(
        "Send the IRO's view, and say who supports the parent at weekends", "Weekend care by the grandmother is not assessed");
    assertThat((Map<String, String>) ((Map<String, Object>) chronology.of(childId).get("words")).get("labels"))
        .containsEntry("ratificationReasons", "The nominated officer's reasons");
  }

  /** Service standard for Salford §7: a ratification undone 7 days after it is asked for is chased, and the chase ends with the decision. */
  @Test
  void aRatificationLeftUndoneForSevenDaysIsChasedUntilItIsDecided() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 10, 0));
    ProcessInstance instance = requested("RAT-6");
    assertThat(task(RATIFY_DECISION, instance).getDueDate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));
    assertThat(job("Timer_RatificationOverdue", instance).getDuedate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));

    ClockUtil.setCurrentTime(at(2026, 3, 10, 9, 0));
    execute(job("Timer_RatificationOverdue", instance));

    org.camunda.bpm.engine.task.Task chase = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork")
        .processInstanceBusinessKey("RAT-6").singleResult();
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).isEqualTo("Chase Ratification for Jamie Example");
    assertThat(tasks.getVariable(chase.getId(), "overdueSince")).as("the chase names the day it was due, as its form says").isEqualTo("2026-03-09");

    tasks.complete(chase.getId(), vars("chaseNotes", "Head of Service on leave; deputy asked to decide today"));
    complete(task(RATIFY_DECISION, instance), decision("RATIFIED", true, true));
    assertThatCase(instance).isEnded().hasPassed("Timer_RatificationOverdue", "EndEvent_RatificationChased", "EndEvent_Ratified");
  }
}
