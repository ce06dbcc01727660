package uk.localgov.reunification.authority;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local authorities this platform runs cases for ({@code reunification.authorities}), each
 * with its id (the Camunda tenant id of its cases, 1 to 64 letters or digits, as Camunda's tenant ids are) and its
 * name. The first is the home authority: the application's own starts without a person (the demo
 * cases) are its, and cases started before a second authority was added are moved into it.
 */
@ConfigurationProperties("reunification")
public record AuthoritiesProperties(List<Authority> authorities) {

  /** One authority: a council, the data controller for its children. */
  public record Authority(String id, String name) {
  }

  public AuthoritiesProperties {
    authorities = authorities == null ? List.of() : List.copyOf(authorities);
  }
}
