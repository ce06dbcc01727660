package uk.localgov.reunification.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import uk.localgov.reunification.identity.Roles;

/** The person (or other system) whose request a command carries out, as the engine authenticated them. */
public record Caller(String userId, List<String> groupIds) {

  public boolean isAdministrator() {
    return groupIds.contains(Roles.ADMINISTRATORS);
  }

  public boolean isMemberOf(String group) {
    return groupIds.contains(group);
  }

  /** Who runs this command, or {@code null} when nobody is authenticated (the application itself). */
  static Caller of(CommandContext context) {
    String userId = context.getAuthenticatedUserId();
    if (userId == null) {
      return null;
    }
    List<String> groups = context.getAuthenticatedGroupIds();
    return new Caller(userId, groups == null ? List.of() : List.copyOf(groups));
  }
}
