package uk.localgov.reunification.casework;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads a case's variables against the contract's rules; the first broken rule refuses the whole
 * start or completion with a {@link CaseInputRefused} naming the variable.
 */
final class CaseVariables {

  private final VariableScope scope;
  private final CaseCalendar calendar;

  CaseVariables(VariableScope scope, CaseCalendar calendar) {
    this.scope = scope;
    this.calendar = calendar;
  }

  /** A value kept with {@link #keepForTransaction}, or {@code null}. */
  Object transientValue(String name) {
    TypedValue value = scope.getVariableTyped(name);
    return value != null && value.isTransient() ? value.getValue() : null;
  }

  /** Keeps a value with the case for the rest of this transaction only: never stored, never in history. */
  void keepForTransaction(String name, Object value) {
    scope.setVariable(name, Variables.objectValue(value, true).create());
  }

  boolean isPresent(String name) {
    Object value = scope.getVariable(name);
    return value != null && !(value instanceof String text && text.isBlank());
  }

  String text(String name) {
    Object value = scope.getVariable(name);
    if (value == null || value instanceof String text && text.isBlank()) {
      throw new CaseInputRefused(name, "is required");
    }
    if (!(value instanceof String text)) {
      throw new CaseInputRefused(name, "must be text");
    }
    return text.trim();
  }

  String matching(String name, Pattern pattern, String rule) {
    String value = text(name);
    if (!pattern.matcher(value).matches()) {
      throw new CaseInputRefused(name, "must be " + rule + " (was '" + value + "')");
    }
    return value;
  }

  String oneOf(String name, Set<String> allowed) {
    String value = text(name);
    if (!allowed.contains(value)) {
      throw new CaseInputRefused(name, "must be one of " + String.join(", ", sorted(allowed)) + " (was '" + value + "')");
    }
    return value;
  }

  boolean yesOrNo(String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      throw new CaseInputRefused(name, "is required (true or false)");
    }
    if (!(value instanceof Boolean answer)) {
      throw new CaseInputRefused(name, "must be a Boolean, true or false (was '" + value + "')");
    }
    return answer;
  }

  /** A whole number at least {@code min}; stored back as an Integer whatever number type came. */
  int wholeNumber(String name, int min) {
    Object value = scope.getVariable(name);
    if (value == null) {
      throw new CaseInputRefused(name, "is required");
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || Math.abs(number.doubleValue()) > Integer.MAX_VALUE) {
      throw new CaseInputRefused(name, "must be a whole number (was '" + value + "')");
    }
    int whole = number.intValue();
    if (whole < min) {
      throw new CaseInputRefused(name, "must be " + min + " or more (was " + whole + ")");
    }
    if (!(value instanceof Integer)) {
      scope.setVariable(name, whole);
    }
    return whole;
  }

  LocalDate pastOrTodayDate(String name) {
    String value = text(name);
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new CaseInputRefused(name, "must be a real date in the form yyyy-MM-dd (was '" + value + "')");
    }
    if (date.isAfter(calendar.today())) {
      throw new CaseInputRefused(name, "must not be in the future (was " + value + ")");
    }
    return date;
  }

  LocalDate date(String name) {
    String value = text(name);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new CaseInputRefused(name, "must be a real date in the form yyyy-MM-dd (was '" + value + "')");
    }
  }

  /** An optional ISO-8601 period in whole days within the bounds, e.g. P42D. */
  String daysBetween(String name, int minDays, int maxDays, String fallback) {
    if (!isPresent(name)) {
      scope.setVariable(name, fallback);
      return fallback;
    }
    String value = text(name);
    try {
      Period period = Period.parse(value);
      if (period.getYears() == 0 && period.getMonths() == 0
          && period.getDays() >= minDays && period.getDays() <= maxDays) {
        return value;
      }
    } catch (DateTimeParseException e) {
      // refused below with the rule
    }
    throw new CaseInputRefused(name, "must be a period of days from P" + minDays + "D to P" + maxDays + "D (was '" + value + "')");
  }

  /** An optional list of codes (a Json array or a list); absent means none. */
  List<String> codes(String name) {
    Object value = scope.getVariable(name);
    List<String> codes = new ArrayList<>();
    if (value == null) {
      return codes;
    }
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(element -> codes.add(element.isString() ? element.stringValue() : element.toString()));
    } else if (value instanceof Collection<?> list) {
      list.forEach(element -> codes.add(String.valueOf(element)));
    } else {
      throw new CaseInputRefused(name, "must be a Json array of codes");
    }
    return codes;
  }

  /** An optional map of code to text (a Json object or a map); absent means empty. */
  Map<String, String> textsByCode(String name) {
    Object value = scope.getVariable(name);
    Map<String, String> texts = new LinkedHashMap<>();
    if (value == null) {
      return texts;
    }
    if (value instanceof SpinJsonNode json && json.isObject()) {
      json.fieldNames().forEach(field -> {
        SpinJsonNode text = json.prop(field);
        texts.put(field, text.isString() ? text.stringValue() : text.toString());
      });
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((code, text) -> texts.put(String.valueOf(code), text == null ? null : String.valueOf(text)));
    } else {
      throw new CaseInputRefused(name, "must be a Json object of factor code to response");
    }
    return texts;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
