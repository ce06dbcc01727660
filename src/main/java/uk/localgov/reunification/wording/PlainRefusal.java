package uk.localgov.reunification.wording;

import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A refusal in the words of the form: the engine's own wrapping ("Cannot submit task form
 * &lt;id&gt;: ", "Cannot instantiate process definition &lt;id&gt;: ", exception class names,
 * ENGINE codes) taken off, the variable named by its form label, its codes by their labels and
 * ISO dates day first. Whatever check made the refusal, its message reads the same way.
 */
@Component
public class PlainRefusal {

  private static final Pattern ENGINE_PREFIX = Pattern.compile(
      "^(?:Cannot [A-Za-z ]+?(?: [\\w.-]+:\\d+:[0-9a-f-]{36}| [0-9a-f]{8}-[0-9a-f-]{27}| [\\w.-]+)?: "
          + "|(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): |ENGINE-\\d+ )");
  private static final Pattern VARIABLE = Pattern.compile("^'([A-Za-z]\\w*)' (.*)$", Pattern.DOTALL);
  private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b(?!T)");

  private final FormLabels forms;

  public PlainRefusal(FormLabels forms) {
    this.forms = forms;
  }

  /** The refusal's text without what the engine wrapped around it: what an integrator reads. */
  public String unwrapped(String message) {
    String text = message == null ? "" : message.strip();
    for (Matcher prefix = ENGINE_PREFIX.matcher(text); prefix.find(); prefix = ENGINE_PREFIX.matcher(text)) {
      text = text.substring(prefix.end());
    }
    return text;
  }

  /** The variable the refusal names, or null. */
  public String field(String unwrapped) {
    Matcher named = VARIABLE.matcher(unwrapped);
    return named.matches() ? named.group(1) : null;
  }

  /** The refusal as a caseworker reads it: "Date of the visit: must not be in the future (was 05/12/2026)." */
  public String inPlainWords(String unwrapped) {
    Matcher named = VARIABLE.matcher(unwrapped);
    if (!named.matches()) {
      return sentence(dayFirst(unwrapped));
    }
    String variable = named.group(1);
    String problem = named.group(2);
    for (Map.Entry<String, String> code : forms.codes(variable).entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, String> c) -> c.getKey().length()).reversed()).toList()) {
      problem = problem.replaceAll("\\b" + Pattern.quote(code.getKey()) + "\\b",
          Matcher.quoteReplacement("\"" + code.getValue() + "\""));
    }
    return sentence(forms.label(variable).orElse(variable) + ": " + dayFirst(problem));
  }

  private static String dayFirst(String text) {
    return ISO_DATE.matcher(text).replaceAll("$3/$2/$1");
  }

  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }
}
