package uk.localgov.reunification.casework;

/** What a task's rules may ask of the application beyond the values themselves. */
interface TaskRules {

  /** Refuses the value unless it is the user id of a member of the group. */
  void requireMember(CaseVariables variables, String name, String group);

  ResearchFactors factors();

  /** The day the child's return home was last ratified, if it was. */
  java.util.Optional<java.time.LocalDate> ratifiedOn(String childId);

  /** Whether the child has an active case (a running return). */
  boolean hasActiveCase(String childId);

  /** Whether the child's Child in Need support is under way, with a review of the return plan waiting. */
  boolean isSupportedAtHome(String childId);

  /** How many Child in Need reviews of the child's support now running are held, the one being completed not counted. */
  long supportReviewsHeld(String childId);

  /** How many times the child's running return has had its plan revised and put to the nominated officer again. */
  long resubmissions(String childId);

  /** Whether the child's active case is under a care order or interim care order that no court has discharged. */
  boolean courtOrderStands(String childId);
}
