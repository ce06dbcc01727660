package uk.localgov.reunification.casework;

import java.time.LocalDate;
import java.time.Period;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.identity.Roles;

/**
 * Who ratifies a child's return home, known in expressions as {@code ratifiers}. The nominated
 * officer (the Head of Service, Salford §7) approves the decision (reg 18(1) for a child in care
 * placed with a parent, reg 39(4) of the Care Planning, Placement and Case Review (England)
 * Regulations 2010 for a child ceasing to be looked after). For a child aged 16 or 17 who is not in
 * the authority's care (section 20), reg 39(5): "the decision to cease to look after C must not be put
 * into effect until it has been approved by the responsible authority's director of children's
 * services". Reg 39(4) asks for approval only after 20 working days looked after; Salford §7 asks for
 * the senior manager's oversight of every return, so it is asked for always.
 */
@Component("ratifiers")
public class Ratifiers {

  private final ActiveCases cases;
  private final CaseCalendar calendar;
  private final ServiceStandards standards;

  public Ratifiers(ActiveCases cases, CaseCalendar calendar, ServiceStandards standards) {
    this.cases = cases;
    this.calendar = calendar;
    this.standards = standards;
  }

  /** The group the ratification of this case is offered to. */
  public String groupFor(DelegateExecution execution) {
    return directorApproves(execution, record(execution)) ? Roles.DIRECTORS : Roles.HEAD_OF_SERVICE;
  }

  /** The rule that names the approver, for the ratification's record. */
  public String ruleFor(DelegateExecution execution) {
    return directorApproves(execution, record(execution))
        ? "reg 39(5): a 16- or 17-year-old accommodated under section 20 leaves care only with the Director's approval"
        : "Salford §7 and reg 18(1)/39(4): the nominated officer's approval";
  }

  /**
   * Reg 39(5) applies on the day the decision is put into effect: the return. An unplanned return
   * knows that day. A planned one is ratified before it, so the Director approves when the child is
   * 16 or 17 on any day the return can be due: from today to the end of the ratification's days and
   * the days after it in which the return is confirmed (the due dates of {@code ratifyDecision} and
   * {@code confirmReturnHome}: 7 and 14 by default, service standards for Salford §7). A child
   * turning 16 in between is not left to the Head of Service.
   */
  boolean directorApproves(DelegateExecution execution, CaseRecord record) {
    if (record == null || !"SECTION_20".equals(record.legalStatus()) || record.dateOfBirth() == null) {
      return false;
    }
    LocalDate born = LocalDate.parse(record.dateOfBirth());
    if (record.returnDate() != null) {
      return sixteenOrSeventeen(born, LocalDate.parse(record.returnDate()));
    }
    LocalDate today = calendar.today();
    LocalDate lastDueDay = standards.dueDay(execution, "returnHome", standards.dueDay(execution, "ratification", today));
    return sixteenOrSeventeen(born, today) || sixteenOrSeventeen(born, lastDueDay);
  }

  private static boolean sixteenOrSeventeen(LocalDate born, LocalDate on) {
    int age = Period.between(born, on).getYears();
    return age == 16 || age == 17;
  }

  private CaseRecord record(DelegateExecution execution) {
    // the ratification is called by the return: its facts are the return's, read through the record
    return cases.of(execution.getProcessBusinessKey()).map(ActiveCases.ActiveCase::record).orElse(null);
  }
}
