package uk.localgov.reunification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Returning looked-after children home from care: Salford's reunification policy run as BPMN
 * on Camunda 7, with Tasklist for caseworkers and Cockpit for managers.
 */
@SpringBootApplication(excludeName = {
    // Spring Security is on the classpath for the sso profile alone, which sets up its own filter
    // chain (sso/SsoSecurity); without these exclusions Boot would lock every other profile's
    // endpoints behind a generated password. The authorization server is the sso tests' provider.
    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"})
@ConfigurationPropertiesScan
public class ReunificationApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReunificationApplication.class, args);
  }
}
