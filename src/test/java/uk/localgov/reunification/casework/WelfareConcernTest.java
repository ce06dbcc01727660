package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;

import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.localgov.reunification.ApplicationTest;

/**
 * Salford §4: a concern goes to the social worker's own line manager, then to the service manager,
 * and what the line manager decides acts on the child's case.
 */
@ApplicationTest
class WelfareConcernTest extends ProcessTest {

  @BeforeEach
  void raisedOnFridayTheTwentySeventhOfNovember() {
    ClockUtil.setCurrentTime(at(2026, 11, 27, 10, 0));
  }

  ProcessInstance concernRaisedBy(String socialWorker, String childId) {
    return runtime.startProcessInstanceByKey("welfareConcern", childId, vars("childId", childId,
        "childName", "Casey Example", "socialWorker", socialWorker, "team", "teamnorth",
        "concernDetails", "Bruise seen at school"));
  }

  static Map<String, Object> decided(String outcome, boolean escalate, String notes) {
    return vars("concernOutcome", outcome, "escalateToServiceManager", escalate, "managerNotes", notes);
  }

  /** A section 20 child who went home on 20 November; the plan, the review and ratification are done, support has begun. */
  ProcessInstance supportedAtHome() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("WC-S")),
        "legalStatus", "SECTION_20", "weeksAccommodated", 2, "returnDate", "2026-11-20",
        "returnReason", "PARENT_REMOVED_FROM_SECTION_20"));
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Family support worker twice weekly"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed"));
    complete(task(RATIFY_DECISION, sub("ratification", instance)), vars("ratificationDecision", "RATIFIED",
        "childWishesConsidered", true, "iroConsulted", true, "relativesConsulted", true, "carersConsulted", true));
    execute(job("CallActivity_OngoingSupport", instance));
    complete(task(ALLOCATE_CIN_COORDINATOR, sub("ongoingSupport", instance)), vars("cinCoordinator", "cincoordinator1"));
    return instance;
  }

  @Test
  void aConcernInTeamNorthGoesToTeamNorthsLineManager() {
    ProcessInstance concern = concernRaisedBy("socialworker2", "WC-1");

    assertThat(task(REVIEW_WELFARE_CONCERN, concern)).isAssignedTo("linemanager1");
  }

  @Test
  void aConcernInTeamSouthGoesToTeamSouthsLineManager() {
    ProcessInstance concern = concernRaisedBy("socialworker3", "WC-2");

    assertThat(task(REVIEW_WELFARE_CONCERN, concern)).isAssignedTo("linemanager2");
  }

  @Test
  void theLineManagerCanResolveTheConcern() {
    ProcessInstance concern = concernRaisedBy("socialworker1", "WC-3");

    complete(task(REVIEW_WELFARE_CONCERN, concern),
        decided("NO_FURTHER_ACTION", false, "Explained at school; no further action"));

    assertThatCase(concern).isEnded().hasPassed("EndEvent_ConcernResolvedByLineManager");
  }

  @Test
  void theLineManagerCanEscalateToTheServiceManagers() {
    ProcessInstance concern = concernRaisedBy("socialworker3", "WC-4");

    complete(task(REVIEW_WELFARE_CONCERN, concern),
        decided("NO_FURTHER_ACTION", true, "Pattern of injuries: discuss with service manager"));

    assertThat(task(SERVICE_MANAGER_REVIEW, concern)).hasCandidateGroup("servicemanagers");
    complete(task(SERVICE_MANAGER_REVIEW, concern), vars("serviceManagerNotes", "Strategy discussion today"));
    assertThatCase(concern).isEnded().hasPassed("EndEvent_ConcernReviewedByServiceManager");
  }

  /** Service standard for Salford §4: each review of a concern is due by the end of the next working day. */
  @Test
  void aConcernRaisedOnAFridayIsDueOnMondayAndChasedByTheServiceManagersWhenOverdue() {
    ProcessInstance concern = concernRaisedBy("socialworker1", "WC-5");

    assertThat(task(REVIEW_WELFARE_CONCERN, concern).getDueDate()).isEqualTo(at(2026, 11, 30, 23, 59, 59));
    ClockUtil.setCurrentTime(at(2026, 12, 1, 8, 0));
    execute(job("Timer_ConcernReviewOverdue", concern));

    Task chase = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork").processInstanceBusinessKey("WC-5")
        .singleResult();
    assertThat(chase.getAssignee()).as("the line manager is the one overdue").isNull();
    assertThat(chase.getName()).isEqualTo("Chase Review of a welfare concern for Casey Example");
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).taskCandidateGroup("servicemanagers").count()).isOne();

    tasks.complete(chase.getId(), vars("chaseNotes", "Line manager off sick; deputy reviewing today"));
    assertThatCase(concern).hasPassed("EndEvent_ConcernReviewChased");
    complete(task(REVIEW_WELFARE_CONCERN, concern), decided("NO_FURTHER_ACTION", true, "Seen the family; escalating"));
    assertThat(task(SERVICE_MANAGER_REVIEW, concern).getDueDate()).isEqualTo(at(2026, 12, 2, 23, 59, 59));
    ClockUtil.setCurrentTime(at(2026, 12, 3, 8, 0));
    execute(job("Timer_ServiceManagerReviewOverdue", concern));
    Task managersChase = tasks.createTaskQuery().taskDefinitionKey("chaseOverdueWork").processInstanceBusinessKey("WC-5")
        .singleResult();
    assertThat(managersChase.getAssignee()).as("the line manager who escalated it chases it").isEqualTo("linemanager1");
    tasks.complete(managersChase.getId(), vars("chaseNotes", "Asked the duty service manager"));
    assertThatCase(concern).hasPassed("EndEvent_ServiceManagerReviewChased");
    complete(task(SERVICE_MANAGER_REVIEW, concern), vars("serviceManagerNotes", "Strategy discussion held"));
    assertThatCase(concern).isEnded();
  }

  @Test
  void aStrategyDiscussionGoesToTheServiceManagersAtOnce() {
    ProcessInstance concern = concernRaisedBy("socialworker1", "WC-6");

    assertThatThrownBy(() -> tasks.complete(task(REVIEW_WELFARE_CONCERN, concern).getId(),
        decided("STRATEGY_DISCUSSION", false, "Disclosure at school"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageStartingWith("'escalateToServiceManager' must be true for a strategy discussion");
    complete(task(REVIEW_WELFARE_CONCERN, concern), decided("STRATEGY_DISCUSSION", true, "Disclosure at school"));

    assertThat(task(SERVICE_MANAGER_REVIEW, concern)).hasCandidateGroup("servicemanagers");
  }

  @Test
  void aConcernCanHaveThePlanRevisedInTheChildsCase() {
    ProcessInstance instance = supportedAtHome();
    ProcessInstance concern = concernRaisedBy("socialworker1", instance.getBusinessKey());

    complete(task(REVIEW_WELFARE_CONCERN, concern), decided("REVISE_PLAN", false, "Add a weekly school check-in"));
    execute(job("ServiceTask_AskForPlanRevision", concern));

    ProcessInstance revision = sub("planRevision", instance);
    assertThat(task(REVISE_PLAN, revision)).isAssignedTo("socialworker1");
    assertThat(caseVariable(revision, "revisionReason")).isEqualTo("Welfare concern: Add a weekly school check-in");
    complete(task(REVISE_PLAN, revision), vars("returnPlan", "Family support worker twice weekly; school check-in weekly",
        "planChangeReason", "Welfare concern of 27 November", "factorsPresent",
        org.camunda.spin.Spin.JSON("[\"CHILD_BEHAVIOUR_PROBLEMS\"]"), "factorResponses",
        org.camunda.spin.Spin.JSON("{\"CHILD_BEHAVIOUR_PROBLEMS\": \"School mentor weekly\"}")));
    assertThat(caseVariable(instance, "returnPlan"))
        .isEqualTo("Family support worker twice weekly; school check-in weekly");
    assertThat(caseVariable(instance, "factorAssessment").toString()).contains("School mentor weekly");
  }

  @Test
  void aConcernDuringAPlannedReturnHasThePlanRevisedThereToo() {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(newChildId("WC-P")));
    ProcessInstance concern = concernRaisedBy("socialworker1", instance.getBusinessKey());

    complete(task(REVIEW_WELFARE_CONCERN, concern), decided("REVISE_PLAN", false, "Plan must cover the new partner"));
    execute(job("ServiceTask_AskForPlanRevision", concern));
    complete(task(REVISE_PLAN, sub("planRevision", instance)), vars("returnPlan", "Assessment of the new partner first",
        "planChangeReason", "A new adult in the household"));

    assertThatCase(instance).hasPassed("EndEvent_PlanRevisedForConcern").isWaitingAt("completeAssessment");
    assertThat(caseVariable(instance, "returnPlan")).isEqualTo("Assessment of the new partner first");
  }

  @Test
  void aConcernCanBringTheNextChildInNeedReviewForwardToWithinSevenDays() {
    ProcessInstance instance = supportedAtHome();
    ProcessInstance support = sub("ongoingSupport", instance);
    assertThat(task(SUPPORT_REVIEW, support).getDueDate()).isEqualTo(at(2027, 1, 8, 23, 59, 59));
    ProcessInstance concern = concernRaisedBy("socialworker1", instance.getBusinessKey());

    complete(task(REVIEW_WELFARE_CONCERN, concern), decided("EARLY_REVIEW", false, "Review the plan this week"));
    execute(job("ServiceTask_BringReviewForward", concern));

    assertThat(task(SUPPORT_REVIEW, support).getDueDate()).isEqualTo(at(2026, 12, 4, 23, 59, 59));
    assertThat(job("Timer_ReviewOverdue", support).getDuedate()).isEqualTo(at(2026, 12, 4, 23, 59, 59));
  }

  @Test
  void aConcernActsOnlyWhereTheCaseCan() {
    ProcessInstance concern = concernRaisedBy("socialworker1", "WC-NO-CASE");

    assertThatThrownBy(() -> tasks.complete(task(REVIEW_WELFARE_CONCERN, concern).getId(),
        decided("REVISE_PLAN", false, "Revise"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageStartingWith("'concernOutcome' REVISE_PLAN needs an open case");
    assertThatThrownBy(() -> tasks.complete(task(REVIEW_WELFARE_CONCERN, concern).getId(),
        decided("EARLY_REVIEW", false, "Review"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageStartingWith("'concernOutcome' EARLY_REVIEW brings forward the next Child in Need review");
  }
}
