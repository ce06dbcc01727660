package uk.localgov.reunification.wording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * What the forms in {@code forms/} call each variable and each of its codes, as the process owners
 * wrote them in Modeler: the one place the casework words come from (refusals, the Case tab). A
 * variable asked for in several forms takes its label from the first form, by file name.
 */
@Component
public class FormLabels {

  private final Map<String, String> labels = new HashMap<>();
  private final Map<String, Map<String, String>> codes = new HashMap<>();

  public FormLabels() {
    this(forms());
  }

  FormLabels(Resource[] forms) {
    ObjectMapper json = new ObjectMapper();
    for (Resource form : forms) {
      try (InputStream in = form.getInputStream()) {
        read(json.readTree(in));
      } catch (IOException unreadable) {
        throw new UncheckedIOException("form " + form.getFilename() + " could not be read", unreadable);
      }
    }
  }

  private static Resource[] forms() {
    try {
      Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form");
      return Arrays.stream(found).sorted(Comparator.comparing(Resource::getFilename)).toArray(Resource[]::new);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }

  private void read(JsonNode component) {
    String key = component.path("key").asText("");
    String label = component.path("label").asText(component.path("dateLabel").asText(""));
    if (!key.isEmpty() && !label.isBlank()) {
      labels.putIfAbsent(key, label.strip());
    }
    for (JsonNode value : component.path("values")) {
      codes.computeIfAbsent(key, k -> new HashMap<>())
          .putIfAbsent(value.path("value").asText(), value.path("label").asText());
    }
    component.path("components").forEach(this::read);
  }

  /** The form's label of a variable, if a form asks for it. */
  public Optional<String> label(String variable) {
    return Optional.ofNullable(labels.get(variable));
  }

  /** The label a form gives a code of a variable, or the code itself. */
  public String code(String variable, String code) {
    return codes.getOrDefault(variable, Map.of()).getOrDefault(code, code);
  }

  /** Every code of a variable with its label, for replacing codes in a sentence about it. */
  public Map<String, String> codes(String variable) {
    return codes.getOrDefault(variable, Map.of());
  }
}
