package uk.localgov.reunification.casework;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;

/**
 * The decisions in {@code processes/}, evaluated on Camunda's decision engine alone, as a process
 * owner's change to a table in Modeler reaches it: no application, no process engine.
 */
final class DecisionTables {

  private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private DecisionTables() {
  }

  /** Evaluates the decision of this key in the file (of {@code processes/}) with these inputs. */
  static DmnDecisionResult evaluate(String file, String decisionKey, Map<String, Object> inputs) {
    try (InputStream table = new FileInputStream(Path.of("processes", file).toFile())) {
      DmnDecision decision = ENGINE.parseDecision(decisionKey, table);
      return ENGINE.evaluateDecision(decision, inputs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
