package uk.localgov.reunification.api;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import uk.localgov.reunification.identity.Roles;

/** The check of the project's API for what only administrators ({@code camunda-admin}) may do. */
public final class Administrators {

  private Administrators() {
  }

  /** Refuses with 403 "Only administrators {what}" unless the caller is an administrator. */
  public static void require(IdentityService identity, String what) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null || !caller.getGroupIds().contains(Roles.ADMINISTRATORS)) {
      throw new Refused(403, "Only administrators " + what);
    }
  }
}
