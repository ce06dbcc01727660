package uk.localgov.reunification.identity;

/** Start-up is refused: without the demo profile, nobody could administer the application. */
public class AdministratorNotConfiguredException extends IllegalStateException {

  public static final String WHAT_TO_SET =
      "No administrator is configured. Set REUNIFICATION_ADMIN_ID and REUNIFICATION_ADMIN_PASSWORD"
          + " (properties reunification.admin.id and reunification.admin.password) to create the first"
          + " administrator, or start with the demo profile (SPRING_PROFILES_ACTIVE=demo) for demo users.";

  public AdministratorNotConfiguredException(String detail) {
    super(detail == null ? WHAT_TO_SET : WHAT_TO_SET + " " + detail);
  }
}
