package uk.localgov.benchmark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A bare Camunda Spring Boot starter application (engine, webapps, REST, actuator on the same
 * classpath as the project), the yardstick for the project's start-up time and memory. It lives
 * outside the project's package, so it scans none of the project's beans, and is started with
 * {@code --spring.config.name=bare} so it reads none of the project's configuration.
 */
@SpringBootApplication
public class BareStarterApplication {

  public static void main(String[] args) {
    SpringApplication.run(BareStarterApplication.class, args);
  }
}
