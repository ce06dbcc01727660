package uk.localgov.reunification.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing administrator into Spring Boot's "APPLICATION FAILED TO START" report. */
public class AdministratorFailureAnalyzer extends AbstractFailureAnalyzer<AdministratorNotConfiguredException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AdministratorNotConfiguredException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Set REUNIFICATION_ADMIN_ID and REUNIFICATION_ADMIN_PASSWORD in the environment (the password"
            + " must satisfy Camunda's password policy: at least 10 characters with upper and lower case"
            + " letters, a digit and a special character), or run with the demo profile:"
            + " ./mvnw spring-boot:run -Dspring-boot.run.profiles=demo",
        cause);
  }
}
