package uk.localgov.reunification.deployment;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/** A deployment that breaks the model rules: nothing of it is deployed; REST answers 400 with every problem. */
public class DeploymentRefused extends BadUserRequestException {

  private final List<String> problems;

  public DeploymentRefused(String deploymentName, List<String> problems) {
    super("Deployment '" + deploymentName + "' refused, nothing deployed: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
