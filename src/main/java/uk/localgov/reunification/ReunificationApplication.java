package uk.localgov.reunification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Returning looked-after children home from care: Salford's reunification policy run as BPMN
 * on Camunda 7, with Tasklist for caseworkers and Cockpit for managers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReunificationApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReunificationApplication.class, args);
  }
}
