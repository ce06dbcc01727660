package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static uk.localgov.reunification.casework.Cases.vars;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.localgov.reunification.ApplicationTest;

/** Salford §8 and Portsmouth's weekly tracking: Child in Need support after a return home. */
@ApplicationTest
class OngoingSupportTest extends ProcessTest {
  @BeforeEach
  void supportStartsOnMondayTheSecondOfMarch() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9, 0));
  }

  ProcessInstance supportStarted() {
    String childId = newChildId("OS-");
    return runtime.startProcessInstanceByKey("ongoingSupport", childId, vars("childId", childId,
        "childName", "Sky Example", "socialWorker", "socialworker1", "iro", "iro1", "team", "teamnorth",
        "returnPlan", "Family support; school"));
  }

  ProcessInstance coordinatorAllocated() {
    ProcessInstance support = supportStarted();
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));
    return support;
  }

  Task chaseOf(ProcessInstance support) {
    return tasks.createTaskQuery().processInstanceBusinessKey(support.getBusinessKey())
        .taskDefinitionKey("chaseOverdueWork").singleResult();
  }

  @Test
  void theIroMakesSureAChildInNeedCoordinatorIsAllocated() {
    ProcessInstance support = supportStarted();

    assertThat(task(ALLOCATE_CIN_COORDINATOR, support)).isAssignedTo("iro1");
    assertThatThrownBy(() -> tasks.complete(task(ALLOCATE_CIN_COORDINATOR, support).getId(),
        vars("cinCoordinator", "socialworker2")))
        .isInstanceOf(CaseInputRefused.class).hasMessageContaining("'cinCoordinator' must be a member of cincoordinators");
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));

    assertThat(task(SUPPORT_REVIEW, support)).isAssignedTo("cincoordinator1");
    assertThat(task(RECORD_WEEKLY_PROGRESS, support)).isAssignedTo("socialworker1");
  }

  @Test
  void theWeeklyProgressRecordsBeginWithSupportBeforeTheCoordinatorIsAllocated() {
    ProcessInstance support = supportStarted();

    assertThat(task(RECORD_WEEKLY_PROGRESS, support)).isAssignedTo("socialworker1");
    assertThat(task(RECORD_WEEKLY_PROGRESS, support).getDueDate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));
    assertThatCase(support).isWaitingAt("allocateCinCoordinator", "recordWeeklyProgress");
  }

  @Test
  void theCoordinatorIsDueFiveWorkingDaysAfterSupportStartsAndAnOverdueAllocationIsChased() {
    ClockUtil.setCurrentTime(at(2026, 4, 1, 9, 0));               // Wednesday; Good Friday 3rd and Easter Monday 6th
    ProcessInstance support = supportStarted();
    assertThat(task(ALLOCATE_CIN_COORDINATOR, support).getDueDate())
        .as("5 working days: Thu 2, Tue 7, Wed 8, Thu 9, Fri 10 April").isEqualTo(at(2026, 4, 10, 23, 59, 59));

    ClockUtil.setCurrentTime(at(2026, 4, 11, 8, 0));
    execute(job("Timer_AllocationOverdue", support));

    Task chase = chaseOf(support);
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).isEqualTo("Chase Child in Need co-ordinator allocated for Sky Example");
    assertThat(tasks.getVariable(chase.getId(), "overdueSince")).isEqualTo("2026-04-10");
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).count()).as("the chase ends with the allocation").isZero();
    assertThat(task(SUPPORT_REVIEW, support)).isAssignedTo("cincoordinator1");
  }

  @Test
  void theFirstReviewIsDueSixWeeksAfterSupportStarts() {
    ProcessInstance support = coordinatorAllocated();

    assertThat(task(SUPPORT_REVIEW, support).getDueDate()).isEqualTo(at(2026, 4, 13, 23, 59, 59));
    assertThat(job("Timer_ReviewOverdue", support).getDuedate()).isEqualTo(at(2026, 4, 13, 23, 59, 59));
  }

  @Test
  void aReviewThatContinuesSupportSetsTheNextReviewAfterTheIntervalItChose() {
    ProcessInstance support = coordinatorAllocated();
    ClockUtil.setCurrentTime(at(2026, 4, 10, 11, 0));

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "CONTINUE",
        "reviewNotes", "Settling; fortnightly reviews for now", "nextReviewIn", "P14D"));

    assertThat(task(SUPPORT_REVIEW, support).getDueDate()).isEqualTo(at(2026, 4, 24, 23, 59, 59));
  }

  @Test
  void aReviewThatChoosesNoIntervalKeepsTheSixWeeklyCycle() {
    ProcessInstance support = coordinatorAllocated();
    ClockUtil.setCurrentTime(at(2026, 4, 13, 11, 0));

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "CONTINUE", "reviewNotes", "Steady progress"));

    assertThat(task(SUPPORT_REVIEW, support).getDueDate()).isEqualTo(at(2026, 5, 25, 23, 59, 59));
    assertThat(caseVariable(support, "nextReviewIn")).isEqualTo("P42D");
  }

  /** Salford §8: 6-weekly reviews at first; progress decides their frequency only after that. */
  @Test
  void theFirstReviewSetsTheNextAtMostSixWeeksAwayAndLaterOnesAsProgressDecides() {
    ProcessInstance support = coordinatorAllocated();
    String first = task(SUPPORT_REVIEW, support).getId();

    assertThatThrownBy(() -> tasks.complete(first, vars("supportOutcome", "CONTINUE", "reviewNotes", "Settled",
        "nextReviewIn", "P84D"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'nextReviewIn' must be at most P42D at the first Child in Need review");
    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "CONTINUE", "reviewNotes", "Settling", "nextReviewIn", "P42D"));

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "CONTINUE", "reviewNotes", "Settled well",
        "nextReviewIn", "P84D"));
    assertThat(task(SUPPORT_REVIEW, support).getDueDate()).as("the second review may space them out")
        .isEqualTo(at(2026, 5, 25, 23, 59, 59));
  }

  /** Wiltshire: support that is not intensive enough or ends too soon is a cause of failed returns. */
  @Test
  void whileSupportMustBeIntensiveReviewsStayAtMostSixWeeksApart() {
    String childId = newChildId("OS-");
    ProcessInstance support = runtime.startProcessInstanceByKey("ongoingSupport", childId, vars("childId", childId,
        "childName", "Sky Example", "socialWorker", "socialworker1", "iro", "iro1", "team", "teamnorth",
        "returnPlan", "Family support; school", "supportIntensity", "INTENSIVE"));
    complete(task(ALLOCATE_CIN_COORDINATOR, support), vars("cinCoordinator", "cincoordinator1"));
    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "CONTINUE", "reviewNotes", "Settling"));
    String second = task(SUPPORT_REVIEW, support).getId();

    assertThatThrownBy(() -> tasks.complete(second, vars("supportOutcome", "CONTINUE", "reviewNotes", "Better",
        "nextReviewIn", "P56D"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'nextReviewIn' must be at most P42D while the support must be intensive");
    assertThatCase(support).isWaitingAt("supportReview");
  }

  @Test
  void anIntervalOutsideOneToTwelveWeeksIsRefused() {
    ProcessInstance support = coordinatorAllocated();
    String review = task(SUPPORT_REVIEW, support).getId();

    assertThatThrownBy(() -> tasks.complete(review, vars("supportOutcome", "CONTINUE", "reviewNotes", "x",
        "nextReviewIn", "P3D"))).isInstanceOf(CaseInputRefused.class)
        .hasMessageContaining("'nextReviewIn' must be a period of days from P7D to P84D");
    assertThatThrownBy(() -> tasks.complete(review, vars("supportOutcome", "CONTINUE", "reviewNotes", "x",
        "nextReviewIn", "P3M"))).isInstanceOf(CaseInputRefused.class).hasMessageContaining("'nextReviewIn'");
    assertThatCase(support).isWaitingAt("supportReview");
  }

  @Test
  void aTransferToTheTeamAroundTheChildEndsSupport() {
    ProcessInstance support = coordinatorAllocated();

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "TRANSFER_TO_TEAM_AROUND_CHILD",
        "reviewNotes", "TAC meeting to co-ordinate from now on"));

    assertThatCase(support).isEnded().hasPassed("EndEvent_TransferredToTeamAroundChild");
    assertThat(outcome(support)).isEqualTo("TRANSFERRED_TO_TEAM_AROUND_CHILD");
    assertThat(caseTasks(support).count()).isZero();
  }

  @Test
  void aStepDownToUniversalServicesEndsSupport() {
    ProcessInstance support = coordinatorAllocated();

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "STEP_DOWN_TO_UNIVERSAL",
        "reviewNotes", "Needs met by school and GP"));

    assertThatCase(support).isEnded().hasPassed("EndEvent_SteppedDownToUniversal");
    assertThat(outcome(support)).isEqualTo("STEPPED_DOWN_TO_UNIVERSAL");
  }

  @Test
  void aReturnToCareRecordedAtReviewEndsSupport() {
    ProcessInstance support = coordinatorAllocated();

    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "RETURNED_TO_CARE",
        "reviewNotes", "Accommodated again after the placement at home broke down"));

    assertThatCase(support).isEnded().hasPassed("EndEvent_ReturnedToCare");
    assertThat(outcome(support)).isEqualTo("RETURNED_TO_CARE");
  }

  @Test
  void theSocialWorkerRecordsProgressEveryWeekWhileSupportIsActive() {
    ProcessInstance support = coordinatorAllocated();
    assertThat(task(RECORD_WEEKLY_PROGRESS, support).getDueDate()).isEqualTo(at(2026, 3, 9, 23, 59, 59));

    complete(task(RECORD_WEEKLY_PROGRESS, support), vars("progressNotes", "Good week; attended school every day"));
    assertThat(task(RECORD_WEEKLY_PROGRESS, support).getDueDate()).isEqualTo(at(2026, 3, 16, 23, 59, 59));

    complete(task(RECORD_WEEKLY_PROGRESS, support), vars("progressNotes", "Row over bedtime; family support helped"));
    assertThat(task(RECORD_WEEKLY_PROGRESS, support).getDueDate()).isEqualTo(at(2026, 3, 23, 23, 59, 59));
  }

  @Test
  void anOverdueReviewIsChasedByTheLineManagerUntilItIsHeld() {
    ProcessInstance support = coordinatorAllocated();
    complete(task(RECORD_WEEKLY_PROGRESS, support), vars("progressNotes", "Week one"));
    ClockUtil.setCurrentTime(at(2026, 4, 14, 8, 0));

    execute(job("Timer_ReviewOverdue", support));

    Task chase = chaseOf(support);
    assertThat(chase.getAssignee()).isEqualTo("linemanager1");
    assertThat(chase.getName()).isEqualTo("Chase Child in Need review for Sky Example");
    assertThat(tasks.getVariable(chase.getId(), "overdueSince")).isEqualTo("2026-04-13");
    complete(task(SUPPORT_REVIEW, support), vars("supportOutcome", "CONTINUE", "reviewNotes", "Held late"));
    assertThat(tasks.createTaskQuery().taskId(chase.getId()).count()).isZero();
  }

  @Test
  void anOverdueProgressRecordIsChasedAndTheChaseCanBeClosedFirst() {
    ProcessInstance support = coordinatorAllocated();
    ClockUtil.setCurrentTime(at(2026, 3, 10, 8, 0));

    execute(job("Timer_ProgressOverdue", support));
    Task chase = chaseOf(support);
    assertThat(chase.getName()).isEqualTo("Chase Weekly progress record for Sky Example");
    complete(chase, vars("chaseNotes", "Social worker on leave; covered by duty worker"));

    assertThatCase(support).isWaitingAt("recordWeeklyProgress");
    complete(task(RECORD_WEEKLY_PROGRESS, support), vars("progressNotes", "Recorded by duty worker"));
    assertThatCase(support).hasPassed("EndEvent_ProgressChased", "EndEvent_ProgressRecorded");
  }

  @Test
  void aReviewChaseTheLineManagerClosesLeavesTheReviewOpen() {
    ProcessInstance support = coordinatorAllocated();
    ClockUtil.setCurrentTime(at(2026, 4, 15, 8, 0));
    execute(job("Timer_ReviewOverdue", support));

    complete(chaseOf(support), vars("chaseNotes", "Review booked for Friday"));

    assertThatCase(support).isWaitingAt("supportReview").hasPassed("EndEvent_ReviewChased");
  }
}
