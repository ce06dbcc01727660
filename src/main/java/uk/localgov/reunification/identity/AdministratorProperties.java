package uk.localgov.reunification.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, from configuration: {@code REUNIFICATION_ADMIN_ID} and
 * {@code REUNIFICATION_ADMIN_PASSWORD} in the environment.
 */
@ConfigurationProperties("reunification.admin")
public record AdministratorProperties(String id, String password) {

  public boolean isConfigured() {
    return id != null && !id.isBlank() && password != null && !password.isBlank();
  }
}
