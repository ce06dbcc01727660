package uk.localgov.reunification.casework;

import java.util.HashMap;
import java.util.Map;

/** Fictional children for tests. */
public final class Cases {

  private Cases() {
  }

  /** A child on a care order, allocated to socialworker1 (Team North) with iro1. */
  public static Map<String, Object> careOrderChild(String childId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("childId", childId);
    variables.put("childName", "Test Child " + childId);
    variables.put("dateOfBirth", "2015-03-14");
    variables.put("legalStatus", "CARE_ORDER");
    variables.put("weeksAccommodated", 30);
    variables.put("eligibleChild", false);
    variables.put("socialWorker", "socialworker1");
    variables.put("iro", "iro1");
    return variables;
  }

  public static Map<String, Object> with(Map<String, Object> variables, Object... pairs) {
    Map<String, Object> changed = new HashMap<>(variables);
    for (int i = 0; i < pairs.length; i += 2) {
      changed.put((String) pairs[i], pairs[i + 1]);
    }
    return changed;
  }

  /** Variables as Camunda's REST API takes them: each value with its type. */
  public static Map<String, Object> restVariables(Map<String, Object> values) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value,
        "type", value instanceof Integer ? "Integer" : value instanceof Boolean ? "Boolean" : "String")));
    return variables;
  }

  public static Map<String, Object> vars(Object... pairs) {
    return with(Map.of(), pairs);
  }
}
