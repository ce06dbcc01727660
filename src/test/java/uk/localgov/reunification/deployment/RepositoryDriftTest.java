package uk.localgov.reunification.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/** The drift check reads each diagram's processes as the model API would, without building the model. */
class RepositoryDriftTest {

  @Test
  void everyDiagramsProcessesAreReadAsTheModelApiReadsThem() throws Exception {
    try (var diagrams = Files.list(Path.of("processes"))) {
      for (Path diagram : diagrams.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        byte[] content = Files.readAllBytes(diagram);
        List<String> byModel = Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(Process.class).stream()
            .map(Process::getId).toList();
        assertThat(RepositoryDrift.processIds(content)).as(diagram.toString()).isNotEmpty()
            .containsExactlyInAnyOrderElementsOf(byModel);
      }
    }
  }
}
