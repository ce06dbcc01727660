package uk.localgov.reunification.casework;

import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.authority.LocalPolicy;

/**
 * The service's own timescales, where the policy or the regulations ask for work but set no number
 * of days (decision {@code serviceStandard}, processes/service-standards.dmn): local policy, so a
 * case follows its authority's version where it has one, else the default. The diagrams ask for a
 * due date by the timescale's name: {@code ${serviceStandards.due(execution, 'ratification')}}.
 * Known in expressions as {@code serviceStandards}.
 */
@Component("serviceStandards")
public class ServiceStandards {

  public static final String DECISION = "serviceStandard";

  /** A timescale: so many days after the work is asked for, counted in calendar or in working days. */
  public record Timescale(int within, boolean workingDays) {
  }

  private final LocalPolicy localPolicy;
  private final CaseCalendar calendar;

  public ServiceStandards(LocalPolicy localPolicy, CaseCalendar calendar) {
    this.localPolicy = localPolicy;
    this.calendar = calendar;
  }

  /** The end of the day the named work is due, counted from today, as the case's authority sets it. */
  public Date due(DelegateExecution execution, String timescale) {
    return endOfDayAfter(calendar.today(), timescale(execution, timescale));
  }

  /** The day the named work falls due when it is asked for on {@code from}, as the case's authority sets it. */
  public LocalDate dueDay(DelegateExecution execution, String timescale, LocalDate from) {
    return LocalDate.parse(calendar.dayOf(endOfDayAfter(from, timescale(execution, timescale))));
  }

  public Timescale timescale(DelegateExecution execution, String timescale) {
    DmnDecisionResult result = localPolicy.decide(DECISION, execution, Map.of("timescale", timescale));
    if (result.isEmpty()) {
      // a diagram names a timescale the decision does not know: a modelling error, an incident to fix
      throw new IllegalStateException("Decision " + DECISION + " has no timescale '" + timescale + "'");
    }
    DmnDecisionResultEntries entries = result.getSingleResult();
    return new Timescale(((Number) entries.getEntry("within")).intValue(), Boolean.TRUE.equals(entries.getEntry("workingDays")));
  }

  private Date endOfDayAfter(LocalDate from, Timescale timescale) {
    return timescale.workingDays() ? calendar.endOfWorkingDaysAfter(from.toString(), timescale.within())
        : calendar.endOfDayAfter(from.toString(), timescale.within());
  }
}
