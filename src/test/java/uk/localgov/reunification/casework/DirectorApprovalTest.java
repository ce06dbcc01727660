package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import uk.localgov.reunification.ApplicationTest;

/**
 * Reg 39(5) of the Care Planning, Placement and Case Review (England) Regulations 2010: a child of
 * 16 or 17 who is accommodated under section 20 stops being looked after only with the approval of
 * the Director of Children's Services; any other return is ratified by the nominated officer, the
 * Head of Service (Salford §7).
 */
@ApplicationTest
class DirectorApprovalTest extends ProcessTest {

  @Autowired
  TestRestTemplate http;

  @BeforeEach
  void onMondayTheSecondOfMarch() {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9, 0));
  }

  /** An unplanned return on 2 March 2026, planned and reviewed: the decision goes for ratification. */
  Task ratificationOf(String dateOfBirth, String legalStatus, String returnReason) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("DIR-")),
        "dateOfBirth", dateOfBirth, "legalStatus", legalStatus, "returnDate", "2026-03-02", "returnReason", returnReason));
    complete(task(COMPLETE_RETURN_PLAN, instance), vars("returnPlan", "Youth worker twice weekly; college mentor"));
    complete(task(RETURN_REVIEW, instance), vars("reviewNotes", "Plan agreed with the young person"));
    return task(RATIFY_DECISION, sub("ratification", instance));
  }

  @Test
  void aSixteenYearOldLeavingSection20CareIsApprovedByTheDirector() {
    Task ratification = ratificationOf("2009-06-01", "SECTION_20", "YOUNG_PERSON_LEFT");

    assertThat(ratification).hasCandidateGroup("directors");
    assertThat(runtime.getVariable(ratification.getExecutionId(), "approvalRule")).asString().startsWith("reg 39(5)");
    assertThat(get("director1", ratification)).as("the Director sees it in Tasklist").contains(ratification.getId());
    assertThat(get("headofservice1", ratification)).as("the Head of Service does not").doesNotContain(ratification.getId());

    complete(ratification, vars("ratificationDecision", "RATIFIED", "childWishesConsidered", true, "iroConsulted", true,
        "relativesConsulted", true, "carersConsulted", true));
    assertThat(history.createHistoricTaskInstanceQuery().taskId(ratification.getId()).singleResult().getEndTime()).isNotNull();
  }

  @Test
  void aFifteenYearOldLeavingSection20CareIsRatifiedByTheHeadOfService() {
    Task ratification = ratificationOf("2010-06-01", "SECTION_20", "PARENT_REMOVED_FROM_SECTION_20");

    assertThat(ratification).hasCandidateGroup("headofservice");
    assertThat(get("headofservice1", ratification)).contains(ratification.getId());
    assertThat(get("director1", ratification)).doesNotContain(ratification.getId());
  }

  @Test
  void aSixteenYearOldUnderACareOrderIsRatifiedByTheHeadOfService() {
    Task ratification = ratificationOf("2009-06-01", "CARE_ORDER", "PLACEMENT_BREAKDOWN");

    assertThat(ratification).as("reg 39(5) is for a child not in the authority's care").hasCandidateGroup("headofservice");
  }

  @Test
  void aFifteenYearOldWhoTurnsSixteenBeforeAPlannedReturnIsDueIsApprovedByTheDirector() {
    // 15 on 2 March, 16 on 15 March: within the ratification's 7 days and the return's 14
    assertThat(plannedRatificationOf("2010-03-15")).as("reg 39(5) applies on the day of the return, not of the decision")
        .hasCandidateGroup("directors");
  }

  @Test
  void aPlannedReturnOfAChildWhoIsSixteenOnlyLongAfterItIsDueIsRatifiedByTheHeadOfService() {
    assertThat(plannedRatificationOf("2010-09-01")).hasCandidateGroup("headofservice");
  }

  /** A planned return from section 20 on 2 March 2026, assessed, planned and reviewed: the decision goes for ratification. */
  Task plannedRatificationOf(String dateOfBirth) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", with(careOrderChild(newChildId("DIR-")),
        "dateOfBirth", dateOfBirth, "legalStatus", "SECTION_20"));
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Young person wants to go home to mother"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Youth worker weekly; college mentor"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support"));
    return task(RATIFY_DECISION, sub("ratification", instance));
  }

  /** The ratifications a person finds in Tasklist (the engine shows each person only what they may read). */
  private String get(String user, Task task) {
    // this case's ratifications, a page within the engine's query limit (queryMaxResultsLimit)
    return http.withBasicAuth(user, user).getForObject("/engine-rest/task?taskDefinitionKey=ratifyDecision&processInstanceId="
        + task.getProcessInstanceId() + "&maxResults=100", String.class);
  }
}
