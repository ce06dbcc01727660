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

  public Ratifiers(ActiveCases cases, CaseCalendar calendar) {
    this.cases = cases;
    this.calendar = calendar;
  }

  /** The group the ratification of this case is offered to. */
  public String groupFor(DelegateExecution execution) {
    return directorApproves(record(execution)) ? Roles.DIRECTORS : Roles.HEAD_OF_SERVICE;
  }

  /** The rule that names the approver, for the ratification's record. */
  public String ruleFor(DelegateExecution execution) {
    return directorApproves(record(execution))
        ? "reg 39(5): a 16- or 17-year-old accommodated under section 20 leaves care only with the Director's approval"
        : "Salford §7 and reg 18(1)/39(4): the nominated officer's approval";
  }

  /** Reg 39(5): aged 16 or 17 on the day of the return (today's, while a planned one is being decided), section 20. */
  boolean directorApproves(CaseRecord record) {
    if (record == null || !"SECTION_20".equals(record.legalStatus()) || record.dateOfBirth() == null) {
      return false;
    }
    LocalDate onTheDay = record.returnDate() == null ? calendar.today() : LocalDate.parse(record.returnDate());
    int age = Period.between(LocalDate.parse(record.dateOfBirth()), onTheDay).getYears();
    return age == 16 || age == 17;
  }

  private CaseRecord record(DelegateExecution execution) {
    // the ratification is called by the return: its facts are the return's, read through the record
    return cases.of(execution.getProcessBusinessKey()).map(ActiveCases.ActiveCase::record).orElse(null);
  }
}
