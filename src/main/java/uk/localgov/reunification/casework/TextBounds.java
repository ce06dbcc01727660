package uk.localgov.reunification.casework;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandGuard;
import uk.localgov.reunification.engine.CommandPayload;

/**
 * How long a text a caller may send (contract, wave 3: bounds on what callers send): a name at
 * most {@value #NAME} characters, any other text (notes, plans, summaries, the texts inside a Json
 * value) at most {@value #TEXT}. Checked on every start, task completion and message before the
 * engine runs it, for everyone, so an over-long value is a 400 naming the variable, never the
 * database's refusal at the end of the command (a 500), and the chronology, the filters and mail
 * carry nothing larger. The engine's own text columns are widened to hold {@value #TEXT} characters
 * (engine.LongTextColumns).
 */
@Component
public class TextBounds implements CommandGuard {

  public static final int NAME = 200;
  public static final int TEXT = 20_000;
  /** The variables that are a person's name. */
  public static final Set<String> NAMES = Set.of("childName");

  public static int maxLength(String variable) {
    return NAMES.contains(variable) ? NAME : TEXT;
  }

  @Override
  public void check(Command<?> command, Caller caller, CommandContext context) {
    CommandPayload.start(command).ifPresent(start -> check(start.variables()));
    CommandPayload.taskCompletion(command).ifPresent(completion -> check(completion.variables()));
    CommandPayload.message(command).ifPresent(message -> {
      check(message.variables());
      check(message.localVariables());
      check(message.triggeredScopeVariables());
    });
  }

  private static void check(Map<String, Object> variables) {
    variables.forEach(TextBounds::check);
  }

  static void check(String name, Object given) {
    if (given instanceof SerializableValue serialized) {
      // a Json value (factorResponses, say): each text in it is bounded, not the structure
      if (!serialized.isDeserialized() && "application/json".equals(serialized.getSerializationDataFormat())
          && serialized.getValueSerialized() != null) {
        checkJson(name, json(name, serialized.getValueSerialized()));
      } else if (serialized.isDeserialized() && serialized.getValue() instanceof SpinJsonNode json) {
        checkJson(name, json);
      }
      return;
    }
    Object value = given instanceof TypedValue typed ? typed.getValue() : given;
    if (value instanceof CharSequence text && text.length() > maxLength(name)) {
      throw tooLong(name, text.length());
    }
    if (value instanceof SpinJsonNode json) {
      checkJson(name, json);
    }
  }

  private static SpinJsonNode json(String name, String text) {
    try {
      return Spin.JSON(text);
    } catch (RuntimeException notJson) {
      throw new CaseInputRefused(name, "must be valid Json");
    }
  }

  private static void checkJson(String name, SpinJsonNode json) {
    if (json.isString() && json.stringValue().length() > TEXT) {
      throw tooLong(name, json.stringValue().length());
    }
    if (json.isArray()) {
      json.elements().forEach(element -> checkJson(name, element));
    } else if (json.isObject()) {
      json.fieldNames().forEach(field -> checkJson(name, json.prop(field)));
    }
  }

  private static CaseInputRefused tooLong(String name, int length) {
    return new CaseInputRefused(name, "must be at most " + maxLength(name) + " characters (was " + length + ")");
  }
}
