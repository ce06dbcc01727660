package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;

/** Diagrams, decisions and forms from processes/ and forms/ go into one deployment, by stable names. */
@ApplicationTest
class CaseModelDeploymentTest {

  @Autowired
  RepositoryService repository;

  @Test
  void everyDiagramDecisionAndFormIsInOneDeployment() {
    Deployment deployment = repository.createDeploymentQuery()
        .deploymentName(CaseModelDeployment.DEPLOYMENT_NAME).orderByDeploymentTime().desc().list().get(0);
    List<String> names = repository.getDeploymentResources(deployment.getId()).stream()
        .map(Resource::getName).toList();

    assertThat(names).contains("processes/planned-return.bpmn", "processes/ratification.bpmn",
        "processes/welfare-concern.bpmn", "processes/overdue-chase.bpmn", "processes/first-visit.dmn",
        "forms/start-planned-return.form", "forms/first-home-visit.form", "forms/ratify-decision.form");
    assertThat(names).allMatch(name -> name.startsWith("processes/") || name.startsWith("forms/"));
    assertThat(new CaseModelDeployment().caseModelResources()).hasSameSizeAs(names);
  }
}
