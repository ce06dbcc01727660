package uk.localgov.reunification.casework;

import static uk.localgov.reunification.casework.CaseTask.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static uk.localgov.reunification.casework.Cases.careOrderChild;
import static uk.localgov.reunification.casework.Cases.vars;
import static uk.localgov.reunification.casework.Cases.with;

import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;

/**
 * Issue 29: the first-visit rule is one edit in one place. A process owner who changes Salford §3's
 * seven days for a child under a court order edits decision {@code firstVisit} and deploys it with
 * {@code childAtHome}, the only diagram that decides the first visit (the decision is bound to the
 * diagram's deployment); both returns, which call {@code childAtHome}, give their next cases the new
 * figure. Neither return is redeployed.
 */
@ApplicationTest
class OneEditReachesBothReturnsTest extends ProcessTest {

  @Autowired
  RepositoryService repository;

  @Test
  void aChangedFirstVisitRuleReachesPlannedAndUnplannedReturnsAlike() throws Exception {
    ClockUtil.setCurrentTime(at(2026, 3, 2, 9, 0));
    String rule = Files.readString(Path.of("processes/first-visit.dmn"));
    String fiveDays = rule.replace("<outputEntry id=\"OutputEntry_CareOrder_days\"><text>7</text>",
        "<outputEntry id=\"OutputEntry_CareOrder_days\"><text>5</text>");
    assertThat(fiveDays).as("the one edit").isNotEqualTo(rule);
    var returnsBefore = repository.createProcessDefinitionQuery().processDefinitionKeyIn("plannedReturn", "unplannedReturn")
        .latestVersion().list();
    String deployment = repository.createDeployment().name("first visit within five days")
        .addString("first-visit.dmn", fiveDays)
        .addString("child-at-home.bpmn", Files.readString(Path.of("processes/child-at-home.bpmn")))
        .deploy().getId();
    try {
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyIn("plannedReturn", "unplannedReturn")
          .latestVersion().list()).as("neither return is redeployed").extracting("id")
          .containsExactlyInAnyOrderElementsOf(returnsBefore.stream().map(definition -> definition.getId()).toList());

      ProcessInstance unplanned = runtime.startProcessInstanceByKey("unplannedReturn", with(careOrderChild(newChildId("EDIT-U-")),
          "returnDate", "2026-03-02", "returnReason", "PLACEMENT_BREAKDOWN"));
      ProcessInstance planned = homeAfterAPlannedReturn(newChildId("EDIT-P-"));

      assertThat(task(FIRST_HOME_VISIT, unplanned).getDueDate()).as("unplanned: five days after the return")
          .isEqualTo(at(2026, 3, 7, 23, 59, 59));
      assertThat(task(FIRST_HOME_VISIT, planned).getDueDate()).as("planned: five days after the return")
          .isEqualTo(at(2026, 3, 7, 23, 59, 59));
    } finally {
      repository.deleteDeployment(deployment, true);
    }
  }

  private ProcessInstance homeAfterAPlannedReturn(String childId) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn", careOrderChild(childId));
    complete(task(COMPLETE_ASSESSMENT, instance), vars("assessmentSummary", "Mother has engaged with parenting work"));
    complete(task(COMPILE_RETURN_PLAN, instance), vars("returnPlan", "Family support twice weekly; school nurse"));
    complete(task(PRE_RETURN_REVIEW, instance), vars("reviewOutcome", "PROCEED",
        "reviewReasons", "The plan answers each risk with named support; the child wants to go home"));
    ProcessInstance ratification = sub("ratification", instance);
    complete(task(RATIFY_DECISION, ratification), vars("ratificationDecision", "RATIFIED", "childWishesConsidered", true,
        "iroConsulted", true, "relativesConsulted", true, "carersConsulted", false));
    complete(task(CONFIRM_RETURN_HOME, instance), vars("returnDate", "2026-03-02"));
    return instance;
  }
}
