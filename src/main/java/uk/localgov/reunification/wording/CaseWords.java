package uk.localgov.reunification.wording;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.casework.ResearchFactors;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * The words a case is read in on the Case tab: each recorded variable by its form label, its codes
 * by their labels (research factors by the decision reunificationFactors, which names them), and
 * each person by name. Only the variables and people of the case at hand.
 */
@Component
public class CaseWords {

  /** Variables that hold research factor codes: a Json array of them, or an object keyed by them. */
  static final Set<String> FACTOR_VARIABLES = Set.of("factorsPresent", "protectiveFactors", "factorResponses");

  private final FormLabels forms;
  private final StaffDirectory staff;
  private final ResearchFactors factors;

  public CaseWords(FormLabels forms, StaffDirectory staff, ResearchFactors factors) {
    this.forms = forms;
    this.staff = staff;
    this.factors = factors;
  }

  /** {"labels": {variable: label}, "codes": {variable: {code: label}}, "people": {userId: name}}. */
  public Map<String, Object> of(Collection<Map<String, Object>> recorded, Collection<String> people) {
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, Map<String, String>> codes = new LinkedHashMap<>();
    Set<String> factorCodes = new TreeSet<>();
    Set<String> variables = new TreeSet<>();
    recorded.forEach(values -> values.forEach((variable, value) -> {
      variables.add(variable);
      if (FACTOR_VARIABLES.contains(variable) && value instanceof String json && !json.isBlank()) {
        SpinJsonNode node = Spin.JSON(json);
        if (node.isArray()) {
          node.elements().forEach(code -> factorCodes.add(code.stringValue()));
        } else if (node.isObject()) {
          factorCodes.addAll(node.fieldNames());
        }
      }
    }));
    for (String variable : variables) {
      forms.label(variable).ifPresent(label -> labels.put(variable, label));
      if (!forms.codes(variable).isEmpty()) {
        codes.put(variable, forms.codes(variable));
      }
    }
    if (!factorCodes.isEmpty()) {
      Map<String, String> factorLabels = new LinkedHashMap<>();
      factors.assess(factorCodes).forEach(factor -> factorLabels.put(factor.code(), factor.label()));
      variables.stream().filter(FACTOR_VARIABLES::contains).forEach(variable -> codes.put(variable, factorLabels));
    }
    return Map.of("labels", labels, "codes", codes, "people", staff.namesOf(new HashSet<>(people)));
  }
}
