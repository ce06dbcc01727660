package uk.localgov.reunification.casework;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One variable a task records, with its rule: what kind of value it is, whether it must be given,
 * and which values it may take. Declared with the task ({@link CaseTask}) and read by the
 * completion check, the guard on what a completion writes, the model tests and the task reference.
 */
public record Recorded(String name, Kind kind, boolean required, List<String> values) {

  /** The kinds of value a task records, each with its rule. */
  public enum Kind {
    TEXT("text, not blank, at most " + TextBounds.TEXT + " characters"),
    YES_OR_NO("true or false"),
    PAST_OR_TODAY_DATE("a date yyyy-MM-dd, not in the future"),
    ONE_OF("one of the values listed"),
    MEMBER_OF("the user id of a member of the group listed"),
    FACTOR_CODES("a Json array of research factor codes of decision reunificationFactors"),
    FACTOR_RESPONSES("a Json object of research factor code to the plan's response"),
    DAYS_PERIOD("an ISO-8601 period of days within the bounds listed");

    private final String rule;

    Kind(String rule) {
      this.rule = rule;
    }

    public String rule() {
      return rule;
    }
  }

  public static Recorded text(String name) {
    return new Recorded(name, Kind.TEXT, true, List.of());
  }

  public static Recorded optionalText(String name) {
    return new Recorded(name, Kind.TEXT, false, List.of());
  }

  /**
   * Optional text the task's own rule asks for in some cases, named in words for the task reference
   * ({@code when}, for example "when ratificationDecision is NOT_RATIFIED").
   */
  public static Recorded textRequiredWhen(String name, String when) {
    return new Recorded(name, Kind.TEXT, false, List.of(when));
  }

  public static Recorded yesOrNo(String name) {
    return new Recorded(name, Kind.YES_OR_NO, true, List.of());
  }

  public static Recorded pastOrTodayDate(String name) {
    return new Recorded(name, Kind.PAST_OR_TODAY_DATE, true, List.of());
  }

  /** Optional; when given, a date not in the future (the task's own rule says when it must be). */
  public static Recorded optionalPastOrTodayDate(String name) {
    return new Recorded(name, Kind.PAST_OR_TODAY_DATE, false, List.of());
  }

  public static Recorded oneOf(String name, String... values) {
    return new Recorded(name, Kind.ONE_OF, true, List.of(values));
  }

  public static Recorded memberOf(String name, String group) {
    return new Recorded(name, Kind.MEMBER_OF, true, List.of(group));
  }

  /** Optional: absent means none. */
  public static Recorded factorCodes(String name) {
    return new Recorded(name, Kind.FACTOR_CODES, false, List.of());
  }

  /** Optional: required for each factor present by the task's own rule. */
  public static Recorded factorResponses(String name) {
    return new Recorded(name, Kind.FACTOR_RESPONSES, false, List.of());
  }

  /** Optional, with the value it takes when absent. */
  public static Recorded daysBetween(String name, int minDays, int maxDays, String fallback) {
    return new Recorded(name, Kind.DAYS_PERIOD, false, List.of("P" + minDays + "D", "P" + maxDays + "D", fallback));
  }

  /** Checks the value a completion gives against the rule; the first broken rule refuses it, naming the variable. */
  void check(CaseVariables variables, TaskRules rules) {
    switch (kind) {
      case TEXT -> {
        if (required || variables.isPresent(name)) {
          variables.text(name);
        }
      }
      case YES_OR_NO -> variables.yesOrNo(name);
      case PAST_OR_TODAY_DATE -> {
        if (required || variables.isPresent(name)) {
          variables.pastOrTodayDate(name);
        }
      }
      case ONE_OF -> variables.oneOf(name, new LinkedHashSet<>(values));
      case MEMBER_OF -> rules.requireMember(variables, name, values.get(0));
      case FACTOR_CODES -> variables.codes(name);
      case FACTOR_RESPONSES -> variables.textsByCode(name);
      case DAYS_PERIOD -> variables.daysBetween(name, days(values.get(0)), days(values.get(1)), values.get(2));
      default -> throw new IllegalStateException(kind.name());
    }
  }

  /** The rule in words, for the task reference. */
  public String describe() {
    String rule = switch (kind) {
      case ONE_OF -> "one of " + String.join(", ", values);
      case MEMBER_OF -> "a member of " + values.get(0);
      case DAYS_PERIOD -> "a period of days from " + values.get(0) + " to " + values.get(1) + " (default " + values.get(2) + ")";
      case TEXT -> required ? kind.rule() : "text, at most " + TextBounds.TEXT + " characters"
          + (values.isEmpty() ? "" : "; required " + values.get(0));
      case PAST_OR_TODAY_DATE -> required ? kind.rule() : kind.rule() + ", when the task's rule asks for it";
      default -> kind.rule();
    };
    return (required ? "required" : "optional") + "; " + rule;
  }

  static Set<String> names(List<Recorded> recorded) {
    Set<String> names = new LinkedHashSet<>();
    recorded.forEach(each -> names.add(each.name()));
    return names;
  }

  private static int days(String period) {
    return java.time.Period.parse(period).getDays();
  }
}
