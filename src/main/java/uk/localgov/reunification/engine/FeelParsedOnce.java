package uk.localgov.reunification.engine;

import camundajar.impl.scala.util.Either;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

/**
 * Parses each FEEL expression of the deployed decisions once, not at every evaluation. Camunda's
 * FEEL engine parses a decision table's every input and output entry each time the table is
 * evaluated (feel-scala issue 1149): the research-factor table's 38 rules cost about 7% of a
 * whole case, most of it parsing (benchmark, README). The parsed expressions are immutable and
 * kept by their text, so a process owner's changed table brings its own new entries; the cache
 * is emptied when it grows past {@link #CAPACITY} expressions. Everything else is Camunda's own
 * FEEL engine: its functions, value mappers and evaluation.
 */
@Component
public class FeelParsedOnce extends OrderedPlugin {

  /** Far more distinct expressions than the decisions hold. */
  static final int CAPACITY = 10_000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isDmnFeelEnableLegacyBehavior()) {
      return; // the legacy engine caches its own expressions
    }
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    if (dmn.getFeelEngineFactory() == null) {
      // the engine hands the configuration its custom functions after this, before it asks the factory
      dmn.setFeelEngineFactory(() -> new CachingScalaFeelEngine(dmn.getFeelCustomFunctionProviders()));
    }
    configuration.setDmnEngineConfiguration(dmn);
  }

  /** Camunda's FEEL engine for decisions, building a FEEL interpreter that parses each text once. */
  static final class CachingScalaFeelEngine extends ScalaFeelEngine {

    CachingScalaFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
      super(functionProviders);
    }

    @Override
    protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
        ValueMapper.CompositeValueMapper valueMapper) {
      return new ParsingOnce(functions, valueMapper);
    }
  }

  /** The FEEL interpreter, as Camunda builds it (no external functions), with its parses kept. */
  static final class ParsingOnce extends FeelEngine {

    private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();
    private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

    ParsingOnce(CustomFunctionTransformer functions, ValueMapper valueMapper) {
      super(functions, valueMapper, new FeelEngine.Configuration(false), FeelEngine.defaultClock());
    }

    @Override
    public Either<FeelEngine.Failure, ParsedExpression> parseExpression(String expression) {
      return parsed(expressions, expression, super::parseExpression);
    }

    @Override
    public Either<FeelEngine.Failure, ParsedExpression> parseUnaryTests(String expression) {
      return parsed(unaryTests, expression, super::parseUnaryTests);
    }

    private static Either<FeelEngine.Failure, ParsedExpression> parsed(
        Map<String, Either<FeelEngine.Failure, ParsedExpression>> cache, String text,
        Function<String, Either<FeelEngine.Failure, ParsedExpression>> parse) {
      if (text == null) {
        return parse.apply(null);
      }
      if (cache.size() > CAPACITY) {
        cache.clear();
      }
      return cache.computeIfAbsent(text, parse);
    }
  }
}
