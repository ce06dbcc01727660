package uk.localgov.reunification.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;

/** The decisions' FEEL expressions are parsed once and evaluated afresh each time. */
@ApplicationTest
class FeelParsedOnceTest {

  @Autowired
  ProcessEngine engine;

  final FeelEngine feel = new FeelParsedOnce.CachingScalaFeelEngine(List.of());

  static VariableContext with(String name, Object value) {
    return Variables.createVariables().putValue(name, value).asVariableContext();
  }

  @Test
  void theApplicationsDecisionsUseIt() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration()
        .getFeelEngine()).isInstanceOf(FeelParsedOnce.CachingScalaFeelEngine.class);
  }

  @Test
  void aParsedUnaryTestAnswersEachEvaluationFromItsOwnInput() {
    String test = "list contains(?, \"FAMILY_NEGLECT\")";

    assertThat(feel.evaluateSimpleUnaryTests(test, "factorsPresent", with("factorsPresent", List.of("FAMILY_NEGLECT"))))
        .isTrue();
    assertThat(feel.evaluateSimpleUnaryTests(test, "factorsPresent", with("factorsPresent", List.of("CHILD_POOR_HEALTH"))))
        .isFalse();
    assertThat(feel.evaluateSimpleUnaryTests(test, "factorsPresent", with("factorsPresent", List.of())))
        .isFalse();
  }

  @Test
  void aParsedExpressionAnswersEachEvaluationFromItsOwnVariables() {
    assertThat((Object) feel.evaluateSimpleExpression("riskScore + 1", with("riskScore", 1))).isEqualTo(2L);
    assertThat((Object) feel.evaluateSimpleExpression("riskScore + 1", with("riskScore", 5))).isEqualTo(6L);
  }

  @Test
  void anExpressionThatDoesNotParseFailsEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> feel.evaluateSimpleExpression("riskScore +", with("riskScore", 1)))
          .isInstanceOf(FeelException.class).hasMessageContaining("riskScore +");
    }
  }
}
