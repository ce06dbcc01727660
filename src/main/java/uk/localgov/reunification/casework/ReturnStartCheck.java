package uk.localgov.reunification.casework;

import uk.localgov.reunification.authority.Authorities;
import java.time.LocalDate;
import java.time.Period;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.identity.Roles;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * Opens a return home only on complete, valid start variables (contract: start variables): the
 * child's case reference becomes the business key, a child has at most one active return, and the
 * case records its social worker's team so the team's line manager can see and chase its work.
 * The one-return rule holds for starts at the same instant too (OneCasePerChild). Any refusal
 * rolls the start back, leaving no process instance.
 */
@Component("returnStartCheck")
public class ReturnStartCheck implements ExecutionListener {

  public static final Set<String> RETURN_PROCESSES = Set.of("plannedReturn", "unplannedReturn");
  static final Pattern CHILD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  static final Set<String> LEGAL_STATUSES = Set.of("SECTION_20", "INTERIM_CARE_ORDER", "CARE_ORDER");
  static final int ADULT_AT = 18;
  static final Set<String> RETURN_REASONS =
      Set.of("PARENT_REMOVED_FROM_SECTION_20", "YOUNG_PERSON_LEFT", "PLACEMENT_BREAKDOWN");

  private final CaseCalendar calendar;
  private final StaffDirectory staff;
  private final OneCasePerChild oneCasePerChild;
  private final Authorities authorities;

  public ReturnStartCheck(CaseCalendar calendar, StaffDirectory staff, OneCasePerChild oneCasePerChild,
      Authorities authorities) {
    this.authorities = authorities;
    this.calendar = calendar;
    this.staff = staff;
    this.oneCasePerChild = oneCasePerChild;
  }

  @Override
  public void notify(DelegateExecution execution) {
    CaseVariables variables = new CaseVariables(execution, calendar);
    String childId = variables.matching("childId", CHILD_ID, "1 to 64 letters, digits or -");
    variables.text("childName");
    LocalDate dateOfBirth = variables.pastOrTodayDate("dateOfBirth");
    String legalStatus = variables.oneOf("legalStatus", LEGAL_STATUSES);
    variables.wholeNumber("weeksAccommodated", 0);
    variables.yesOrNo("eligibleChild");
    String socialWorker = member(variables, "socialWorker", Roles.SOCIAL_WORKERS);
    String iro = member(variables, "iro", Roles.IROS);
    String authority = execution.getTenantId();
    if (authorities.shared()) {
      // several authorities share the platform: the case is its authority's, and so are its people
      if (authority == null) {
        throw new CaseInputRefused("authority", "is not known: a case is started by a person of the child's authority ("
            + String.join(", ", authorities.ids()) + ")");
      }
      sameAuthority("socialWorker", socialWorker, authority);
      sameAuthority("iro", iro, authority);
    }
    if ("unplannedReturn".equals(processKey(execution))) {
      LocalDate returnDate = variables.pastOrTodayDate("returnDate");
      if (returnDate.isBefore(dateOfBirth)) {
        throw new CaseInputRefused("returnDate", "must not be before the child's date of birth " + dateOfBirth
            + " (was " + returnDate + ")");
      }
      requireChildOn(dateOfBirth, returnDate, "on the return date");
      String reason = variables.oneOf("returnReason", RETURN_REASONS);
      int age = Period.between(dateOfBirth, returnDate).getYears();
      // Salford §6: a young person aged 16 or 17 may leave care to go home without notice
      if ("YOUNG_PERSON_LEFT".equals(reason) && (age < 16 || age > 17)) {
        throw new CaseInputRefused("returnReason", "YOUNG_PERSON_LEFT is for a young person aged 16 or 17 on the return"
            + " date (Salford §6); the child was " + age + " on " + returnDate);
      }
      // Salford §6: a person with parental responsibility may remove a child accommodated under section 20
      if ("PARENT_REMOVED_FROM_SECTION_20".equals(reason) && !"SECTION_20".equals(legalStatus)) {
        throw new CaseInputRefused("returnReason", "PARENT_REMOVED_FROM_SECTION_20 is for a child accommodated under"
            + " section 20 (Salford §6); the child's legalStatus is " + legalStatus);
      }
    } else {
      // a planned return is still to happen: the child is a child today, and again on the day (confirmReturnHome)
      requireChildOn(dateOfBirth, calendar.today(), "today");
    }

    String businessKey = execution.getProcessBusinessKey();
    if (businessKey == null || businessKey.isBlank()) {
      execution.setProcessBusinessKey(childId);
    } else if (!businessKey.equals(childId)) {
      throw new CaseInputRefused("businessKey", "must be the child's case reference childId '" + childId
          + "' (was '" + businessKey + "')");
    }
    // Starts for the child take turns from here to their commit, so the query sees the other's case.
    oneCasePerChild.waitForTurn(authority, childId);
    oneCasePerChild.activeReturnOf(authority, childId, RETURN_PROCESSES).ifPresent(open -> {
      throw new CaseInputRefused("childId", "'" + childId + "' already has an active return home"
          + (open.equals(childId) ? "" : " (as '" + open + "': case references are the same whatever their letter case)")
          + "; a child has at most one active return at a time");
    });
    String team = staff.teamOf(socialWorker).orElseThrow(() -> new CaseInputRefused("socialWorker",
        "'" + socialWorker + "' is in no team, so no line manager could oversee the case"));
    execution.setVariable("team", team);
  }

  /**
   * Children Act 1989 s105(1): a child is a person under the age of eighteen. A young person of 18
   * is a care leaver, whose support is another service; a return home is of a child.
   */
  static void requireChildOn(LocalDate dateOfBirth, LocalDate day, String when) {
    if (!day.isBefore(dateOfBirth.plusYears(ADULT_AT))) {
      throw new CaseInputRefused("dateOfBirth", "is " + dateOfBirth + ": the young person is " + ADULT_AT + " or over "
          + when + " (" + day + "), and a return home is of a child under " + ADULT_AT + " (Children Act 1989 s105(1));"
          + " a care leaver's support is another service");
    }
  }

  private void sameAuthority(String name, String userId, String authority) {
    if (!staff.worksFor(userId, authority)) {
      throw new CaseInputRefused(name, "must be one of " + authorities.nameOf(authority) + "'s staff, the child's"
          + " authority (was '" + userId + "')");
    }
  }

  private String member(CaseVariables variables, String name, String group) {
    String userId = variables.text(name);
    if (!staff.isMember(userId, group)) {
      throw new CaseInputRefused(name, "must be a member of " + group + " (was '" + userId + "')");
    }
    return userId;
  }

  private static String processKey(DelegateExecution execution) {
    String definitionId = execution.getProcessDefinitionId();
    return definitionId.substring(0, definitionId.indexOf(':'));
  }
}
