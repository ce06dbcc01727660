package uk.localgov.reunification.casework;

/** What a task's rules may ask of the application beyond the values themselves. */
interface TaskRules {

  /** Refuses the value unless it is the user id of a member of the group. */
  void requireMember(CaseVariables variables, String name, String group);

  ResearchFactors factors();
}
