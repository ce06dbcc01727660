package uk.localgov.reunification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real application outside the shared test context, as an operator would: on an H2
 * file in a folder of the test's, on a port of its own, under an engine name of its own so it
 * never meets the shared context's engine.
 */
public final class StandaloneApplication {

  private StandaloneApplication() {
  }

  public static ConfigurableApplicationContext start(Path dataDir, String... extraProperties) {
    List<String> arguments = new ArrayList<>(List.of(
        "--reunification.data-dir=" + dataDir,
        "--server.port=0",
        "--camunda.bpm.process-engine-name=standalone",
        "--camunda.bpm.job-execution.enabled=false",
        "--spring.main.banner-mode=off"));
    for (String property : extraProperties) {
      arguments.add("--" + property);
    }
    return new SpringApplicationBuilder(ReunificationApplication.class).run(arguments.toArray(String[]::new));
  }
}
