package uk.localgov.reunification.casework;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * What the law asks while a child lives at home under a care order or an interim care order, known
 * in expressions as {@code courtOrders}: the Care Planning, Placement and Case Review (England)
 * Regulations 2010 keep the child looked after, visited (reg 28) and reviewed (reg 33) until a court
 * discharges the order (Children Act 1989 s39). How often the social worker visits is decision
 * {@code visitFrequency}; this service works out the due dates from it and from the case's record.
 */
@Component("courtOrders")
public class CourtOrderSupervision {

  /**
   * Reg 19(b): a child placed with a parent before the assessment is complete has the assessment
   * and the review of the case "within 10 working days of C being placed with P".
   */
  static final int REG_19_WORKING_DAYS = 10;
  /** Salford §6: the review after an unplanned return is convened within 20 days of the return. */
  static final long SALFORD_REVIEW_DAYS = 20;
  /** Reg 33(2): reviews after the second "at intervals of not more than six months". */
  static final long REVIEW_INTERVAL_MONTHS = 6;

  private final CaseCalendar calendar;
  private final HistoryService history;
  private final UnrestrictedLookups lookups;

  public CourtOrderSupervision(CaseCalendar calendar, HistoryService history, UnrestrictedLookups lookups) {
    this.calendar = calendar;
    this.history = history;
    this.lookups = lookups;
  }

  /** Whether the child's care order or interim care order stands: it was made and no court has discharged it. */
  public boolean orderStands(DelegateExecution execution) {
    return CaseRecord.of(execution).courtOrderStands();
  }

  /** Whether the court's discharge of the order is on the case's record. */
  public boolean discharged(DelegateExecution execution) {
    return execution.getVariable("dischargeDate") != null;
  }

  /**
   * Reg 19: an unplanned return of a child in care (a care order or an interim care order) is a
   * placement with a parent before the assessment is complete.
   */
  public boolean placedBeforeAssessment(DelegateExecution execution) {
    return CaseRecord.COURT_ORDERS.contains(CaseRecord.of(execution).legalStatus());
  }

  /**
   * When the review after an unplanned return, and the urgent plan with it, fall due: 10 working
   * days after the return for a child placed under reg 19, 20 days (Salford §6) otherwise.
   */
  public Date returnReviewDue(DelegateExecution execution) {
    String returnDate = CaseRecord.of(execution).returnDate();
    return placedBeforeAssessment(execution) ? calendar.endOfWorkingDaysAfter(returnDate, REG_19_WORKING_DAYS)
        : calendar.endOfDayAfter(returnDate, SALFORD_REVIEW_DAYS);
  }

  /** Whether the IRO has held a looked-after review since the return (the only step that records reviewDate). */
  public boolean reviewedSinceReturn(DelegateExecution execution) {
    return execution.getVariable("reviewDate") != null;
  }

  /** The next statutory visit: at most {@code withinDays} (decision visitFrequency) after the last visit. */
  public Date nextVisitDue(DelegateExecution execution, Integer withinDays) {
    return calendar.endOfDayAfter((String) execution.getVariable("visitDate"), withinDays);
  }

  /**
   * The next looked-after review: not more than six months after the previous review of the case
   * (reg 33(2)). Before the first since the return, the previous one is the IRO's review of the
   * return itself (before a planned return, reg 17(d); after an unplanned one, reg 19(b)), or the
   * return day when none is on record. The IRO may hold it sooner (reg 33(3)(a)).
   */
  public Date nextReviewDue(DelegateExecution execution) {
    Object held = execution.getVariable("reviewDate");
    String previous = held instanceof String day ? day : returnReviewDay(execution);
    LocalDate due = LocalDate.parse(previous).plusMonths(REVIEW_INTERVAL_MONTHS);
    return calendar.endOfDayAfter(due.toString(), 0);
  }

  private String returnReviewDay(DelegateExecution execution) {
    HistoricTaskInstance review = lookups.read(() -> history.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKeyIn(SupportSchedule.IRO_REVIEWS).finished()
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1)).stream().findFirst().orElse(null);
    return review == null ? CaseRecord.of(execution).returnDate() : calendar.dayOf(review.getEndTime());
  }
}
