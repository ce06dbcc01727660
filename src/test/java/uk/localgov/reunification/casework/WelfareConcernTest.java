package uk.localgov.reunification.casework;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static uk.localgov.reunification.casework.Cases.vars;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import uk.localgov.reunification.ApplicationTest;

/** Salford §4: a concern goes to the social worker's own line manager, then to the service manager. */
@ApplicationTest
class WelfareConcernTest extends ProcessTest {
  ProcessInstance concernRaisedBy(String socialWorker, String childId) {
    return runtime.startProcessInstanceByKey("welfareConcern", childId, vars("childId", childId,
        "childName", "Casey Example", "socialWorker", socialWorker, "concernDetails", "Bruise seen at school"));
  }

  @Test
  void aConcernInTeamNorthGoesToTeamNorthsLineManager() {
    ProcessInstance concern = concernRaisedBy("socialworker2", "WC-1");

    assertThat(task("reviewWelfareConcern", concern)).isAssignedTo("linemanager1");
  }

  @Test
  void aConcernInTeamSouthGoesToTeamSouthsLineManager() {
    ProcessInstance concern = concernRaisedBy("socialworker3", "WC-2");

    assertThat(task("reviewWelfareConcern", concern)).isAssignedTo("linemanager2");
  }

  @Test
  void theLineManagerCanResolveTheConcern() {
    ProcessInstance concern = concernRaisedBy("socialworker1", "WC-3");

    complete(task("reviewWelfareConcern", concern),
        vars("escalateToServiceManager", false, "managerNotes", "Explained at school; no further action"));

    assertThat(concern).isEnded().hasPassed("EndEvent_ConcernResolvedByLineManager");
  }

  @Test
  void theLineManagerCanEscalateToTheServiceManagers() {
    ProcessInstance concern = concernRaisedBy("socialworker3", "WC-4");

    complete(task("reviewWelfareConcern", concern),
        vars("escalateToServiceManager", true, "managerNotes", "Pattern of injuries: discuss with service manager"));

    assertThat(task("serviceManagerReview", concern)).hasCandidateGroup("servicemanagers");
    complete(task("serviceManagerReview", concern), vars("serviceManagerNotes", "Strategy discussion today"));
    assertThat(concern).isEnded().hasPassed("EndEvent_ConcernReviewedByServiceManager");
  }
}
