package uk.localgov.reunification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real application outside the shared test context, as an operator would: on an H2
 * file in a folder of the test's, on a port of its own, under an engine name of its own so it
 * never meets the shared context's engine, and without Camunda's webapps: they keep their state in
 * static fields that a closing application clears, which would break the shared context's Cockpit.
 */
public final class StandaloneApplication {

  private StandaloneApplication() {
  }

  public static ConfigurableApplicationContext start(Path dataDir, String... extraProperties) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("reunification.data-dir", dataDir.toString());
    properties.put("server.port", "0");
    properties.put("camunda.bpm.process-engine-name", "standalone");
    properties.put("camunda.bpm.job-execution.enabled", "false");
    properties.put("spring.main.banner-mode", "off");
    properties.put("camunda.bpm.webapp.enabled", "false");
    for (String property : extraProperties) {
      int equals = property.indexOf('=');
      properties.put(property.substring(0, equals), property.substring(equals + 1));
    }
    List<String> arguments = new ArrayList<>();
    properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
    return new SpringApplicationBuilder(ReunificationApplication.class).run(arguments.toArray(String[]::new));
  }
}
