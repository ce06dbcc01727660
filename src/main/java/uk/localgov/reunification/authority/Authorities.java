package uk.localgov.reunification.authority;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.authority.AuthoritiesProperties.Authority;

/**
 * Which authorities share this platform. With one (or none) configured the platform runs as a
 * single council's install always has: no case carries a tenant id. With two or more, every case,
 * task, timer and history row carries its authority's id as its Camunda tenant id, and each
 * person sees only their own authority's ({@code docs/operations.md}, "Several authorities").
 */
@Component
public class Authorities {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  private final List<Authority> configured;

  public Authorities(AuthoritiesProperties properties) {
    this.configured = properties.authorities();
    configured.forEach(authority -> {
      if (authority.id() == null || !ID.matcher(authority.id()).matches()) {
        throw new IllegalStateException("reunification.authorities: the id '" + authority.id()
            + "' is not 1 to 64 letters or digits (it becomes the Camunda tenant id of the authority's cases)");
      }
    });
    if (configured.stream().map(Authority::id).distinct().count() != configured.size()) {
      throw new IllegalStateException("reunification.authorities: an id is listed twice");
    }
  }

  /** Whether cases carry their authority: two or more authorities share the platform. */
  public boolean shared() {
    return configured.size() > 1;
  }

  public List<Authority> all() {
    return configured;
  }

  public List<String> ids() {
    return configured.stream().map(Authority::id).toList();
  }

  /** The first configured authority, if any: the application's own starts and earlier cases are its. */
  public Optional<Authority> home() {
    return configured.stream().findFirst();
  }

  public boolean isAuthority(String id) {
    return configured.stream().anyMatch(authority -> authority.id().equals(id));
  }

  public String nameOf(String id) {
    return configured.stream().filter(authority -> authority.id().equals(id)).map(Authority::name).findFirst()
        .orElse(id);
  }
}
