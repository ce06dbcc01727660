package uk.localgov.reunification.identity;

import java.util.List;

/** The groups of the public contract: who does what in a return home. */
public final class Roles {

  public static final String SOCIAL_WORKERS = "socialworkers";
  public static final String LINE_MANAGERS = "linemanagers";
  public static final String SERVICE_MANAGERS = "servicemanagers";
  public static final String IROS = "iros";
  public static final String HEAD_OF_SERVICE = "headofservice";
  /** The Director of Children's Services, who approves a 16- or 17-year-old's leaving section 20 care (reg 39(5)). */
  public static final String DIRECTORS = "directors";
  public static final String CIN_COORDINATORS = "cincoordinators";
  public static final String ADMINISTRATORS = "camunda-admin";
  /** Other systems: the case-record system that starts unplanned returns and sends the events of a case. */
  public static final String CASE_SYSTEMS = "casesystems";
  /** The region's managers (Wave 3): each authority's figures and the region's, never a child's case. */
  public static final String REGIONAL_MANAGERS = "regionalmanagers";

  /** The group type that marks a team of social workers and its line manager. */
  public static final String TEAM_TYPE = "team";

  /** Every casework role; administrators are not one of them. */
  public static final List<String> CASEWORK = List.of(
      SOCIAL_WORKERS, LINE_MANAGERS, SERVICE_MANAGERS, IROS, HEAD_OF_SERVICE, DIRECTORS, CIN_COORDINATORS);

  /** Roles that oversee work in Cockpit rather than only in Tasklist. */
  public static final List<String> MANAGEMENT = List.of(LINE_MANAGERS, SERVICE_MANAGERS, HEAD_OF_SERVICE, DIRECTORS);
  /** Who ratifies a return home: the nominated officer, or the Director for a 16/17-year-old under section 20. */
  public static final List<String> RATIFIERS = List.of(HEAD_OF_SERVICE, DIRECTORS);

  private Roles() {
  }
}
