package uk.localgov.reunification.casework;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a called process is given of its case, and gives back, named once here rather than on
 * every call activity: a call names one of these as
 * {@code camunda:variableMappingDelegateExpression="${caseFacts}"} beside its own
 * {@code camunda:in} mappings (the business key, and what only that call passes). The model rules
 * read the same lists, and refuse a call that passes the case's facts neither way.
 *
 * <ul>
 *   <li>{@code caseFacts}: what every called process receives ({@link CaseRecord#CALLED_PROCESS_FACTS});
 *   <li>{@code caseAtHomeFacts}: what both returns give the life of the case at home
 *       ({@code childAtHome}) when the case begins: the child's record and earlier failed returns;
 *   <li>{@code ratificationFacts}: what both returns give the ratification (Salford §7: the plan,
 *       the research factors weighed, the legal status) and take back (the decision, its reasons
 *       and any further information asked for).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class CalledProcessFacts {

  public static final Facts CASE_FACTS = new Facts(CaseRecord.CALLED_PROCESS_FACTS, List.of());
  public static final Facts CASE_AT_HOME = CASE_FACTS.with(List.of("dateOfBirth", "legalStatus", "weeksAccommodated",
      "eligibleChild", "earlierFailedReturns"), List.of());
  public static final Facts RATIFICATION = CASE_FACTS.with(List.of("legalStatus", "returnPlan", "factorAssessment",
      "supportIntensity", "furtherInformation"), List.of("ratificationDecision", "ratificationReasons", "furtherInformation"));

  /** Each mapping by the expression a call activity names it with. */
  public static final Map<String, Facts> BY_EXPRESSION = Map.of("${caseFacts}", CASE_FACTS,
      "${caseAtHomeFacts}", CASE_AT_HOME, "${ratificationFacts}", RATIFICATION);

  @Bean
  public DelegateVariableMapping caseFacts() {
    return CASE_FACTS;
  }

  @Bean
  public DelegateVariableMapping caseAtHomeFacts() {
    return CASE_AT_HOME;
  }

  @Bean
  public DelegateVariableMapping ratificationFacts() {
    return RATIFICATION;
  }

  /** Variables copied in, as {@code camunda:in source=x target=x} would, and back out, as {@code camunda:out}. */
  public record Facts(List<String> in, List<String> out) implements DelegateVariableMapping {

    Facts with(List<String> moreIn, List<String> moreOut) {
      return new Facts(Stream.concat(in.stream(), moreIn.stream()).distinct().toList(),
          Stream.concat(out.stream(), moreOut.stream()).distinct().toList());
    }

    @Override
    public void mapInputVariables(DelegateExecution caller, VariableMap called) {
      in.forEach(name -> {
        var value = caller.getVariableTyped(name);
        if (value == null) {
          called.put(name, null);  // as camunda:in does for a fact the case does not hold yet
        } else {
          called.putValueTyped(name, value);
        }
      });
    }

    @Override
    public void mapOutputVariables(DelegateExecution caller, VariableScope called) {
      out.forEach(name -> caller.setVariable(name, called.getVariableTyped(name)));
    }
  }
}
