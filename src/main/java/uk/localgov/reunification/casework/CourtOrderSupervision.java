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
  /** Reg 33(1): the first review "within 20 working days of the date on which C becomes looked after". */
  static final int FIRST_REVIEW_WORKING_DAYS = 20;
  /** Reg 33(2): the second review "not more than three months after the first". */
  static final long SECOND_REVIEW_MONTHS = 3;
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
   * placement with a parent before the assessment is complete. A planned return follows the
   * assessment (reg 17): the return tells the case at home so ({@code returnPlanned}).
   */
  public boolean placedBeforeAssessment(DelegateExecution execution) {
    return !Boolean.TRUE.equals(execution.getVariable("returnPlanned"))
        && CaseRecord.COURT_ORDERS.contains(CaseRecord.of(execution).legalStatus());
  }

  /** The case's return, at the root of its processes: its reviews and its start are the case's. */
  private static String caseOf(DelegateExecution execution) {
    String root = ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) execution).getRootProcessInstanceId();
    return root == null ? execution.getProcessInstanceId() : root;
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

  /** Reg 19(b): the assessment of a placement made before it is due 10 working days after the return. */
  public Date placementAssessmentDue(DelegateExecution execution) {
    return calendar.endOfWorkingDaysAfter(CaseRecord.of(execution).returnDate(), REG_19_WORKING_DAYS);
  }

  /** Reg 9(2): a placement plan not prepared before the placement is due within 5 working days of its start. */
  public Date placementPlanDue(DelegateExecution execution) {
    return calendar.endOfWorkingDaysAfter(CaseRecord.of(execution).returnDate(), REG_9_WORKING_DAYS);
  }

  static final int REG_9_WORKING_DAYS = 5;

  /**
   * Whether a review of the case under Part 6 has been held since the child went home, which ends
   * the weekly visits of reg 28(3)(a) and (4)(a) ("until the first review carried out in accordance
   * with Part 6"): a looked-after review (it records reviewDate), or the IRO's review of an unplanned
   * return (reg 19(b)), held with the child at home. The IRO's review before a planned return (reg
   * 17(d)) is a Part 6 review too, but it came before the child lived at home, so it reviewed a plan,
   * not the placement the weekly visits watch: it does not end them (the choice made here).
   */
  public boolean reviewedSinceReturn(DelegateExecution execution) {
    return execution.getVariable("reviewDate") != null || lookups.read(() -> history.createHistoricTaskInstanceQuery()
        .rootProcessInstanceId(caseOf(execution)).taskDefinitionKey(CaseTask.RETURN_REVIEW.key()).finished()
        .count()) > 0;
  }

  /**
   * Whether the statutory visits may be counted: the first home visit, the first visit under the
   * order (reg 28(2)(a), (5)(a)), is recorded, or none is required (decision firstVisit).
   */
  public boolean firstVisitDone(DelegateExecution execution) {
    return execution.getVariable("visitDate") != null || Boolean.FALSE.equals(execution.getVariable("firstVisitRequired"));
  }

  /**
   * The next statutory visit: at most {@code withinDays} (decision visitFrequency) after the last
   * visit, or after the return when no visit is on record.
   */
  public Date nextVisitDue(DelegateExecution execution, Integer withinDays) {
    Object last = execution.getVariable("visitDate");
    String from = last instanceof String day ? day : CaseRecord.of(execution).returnDate();
    // reg 28(5)(a): "within one week of the making of the care order", when it was made at home after the last visit
    if (execution.getVariable("orderMadeOn") instanceof String made && made.compareTo(from) > 0) {
      from = made;
    }
    return calendar.endOfDayAfter(from, withinDays);
  }

  /**
   * The next looked-after review, at the times of reg 33: the first within 20 working days of the
   * day the child became looked after (reg 33(1)), the second not more than three months after the
   * first, then not more than six months apart (reg 33(2)). The IRO may hold one sooner (reg
   * 33(3)(a)).
   *
   * <p>The case knows the reviews on its own record: the IRO's review of the return (before a
   * planned return, reg 17(d); after an unplanned one, reg 19(b)) and each looked-after review since.
   * It does not know the reviews before the case began, so it takes the law as kept until then: the
   * child became looked after {@code weeksAccommodated} weeks before the case began, and each review
   * the law required before that day was held. With none on record, the last of them (or, for a child
   * looked after long enough for the six-monthly cycle, the return day) is the previous review.
   */
  public Date nextReviewDue(DelegateExecution execution) {
    CaseRecord record = CaseRecord.of(execution);
    if (execution.getVariable("orderMadeOn") instanceof String made && lookedAfterReviewsAskedFor(execution) == 0) {
      // an order made at home: the child became looked after that day (reg 33(1))
      return calendar.endOfWorkingDaysAfter(made, FIRST_REVIEW_WORKING_DAYS);
    }
    LocalDate caseBegan = caseBegan(execution);
    LocalDate lookedAfter = caseBegan.minusWeeks(record.weeksAccommodated() == null ? 0 : record.weeksAccommodated());
    LocalDate first = LocalDate.parse(calendar.dayOf(calendar.endOfWorkingDaysAfter(lookedAfter.toString(), FIRST_REVIEW_WORKING_DAYS)));
    int before = !first.isBefore(caseBegan) ? 0 : !first.plusMonths(SECOND_REVIEW_MONTHS).isBefore(caseBegan) ? 1 : 2;
    long onRecord = reviewsOnRecord(execution);
    long held = before + onRecord;
    if (held == 0) {
      return calendar.endOfDayAfter(first.toString(), 0);
    }
    Object reviewDate = execution.getVariable("reviewDate");
    String previous = reviewDate instanceof String day ? day : onRecord > 0 || before > 1 ? returnReviewDay(execution) : first.toString();
    LocalDate due = LocalDate.parse(previous).plusMonths(held == 1 ? SECOND_REVIEW_MONTHS : REVIEW_INTERVAL_MONTHS);
    return calendar.endOfDayAfter(due.toString(), 0);
  }

  /**
   * The IRO's reviews of the return that are done, and every looked-after review asked for: the next
   * is worked out only once the last is held (its end is not yet written to the history then, in
   * the same transaction), and none is cancelled but with the supervision itself.
   */
  private long reviewsOnRecord(DelegateExecution execution) {
    String instance = caseOf(execution);
    return lookups.read(() -> history.createHistoricTaskInstanceQuery().rootProcessInstanceId(instance)
        .taskDefinitionKeyIn(CaseTask.PRE_RETURN_REVIEW.key(), CaseTask.RETURN_REVIEW.key()).finished().count()
        + history.createHistoricTaskInstanceQuery().rootProcessInstanceId(instance)
        .taskDefinitionKey(CaseTask.LOOKED_AFTER_REVIEW.key()).count());
  }

  private long lookedAfterReviewsAskedFor(DelegateExecution execution) {
    return lookups.read(() -> history.createHistoricTaskInstanceQuery().rootProcessInstanceId(caseOf(execution))
        .taskDefinitionKey(CaseTask.LOOKED_AFTER_REVIEW.key()).count());
  }

  /** The day the case began: today while its start is not yet written to the history (it began in this transaction). */
  private LocalDate caseBegan(DelegateExecution execution) {
    var started = lookups.read(() -> history.createHistoricProcessInstanceQuery()
        .processInstanceId(caseOf(execution)).singleResult());
    return started == null ? calendar.today() : LocalDate.parse(calendar.dayOf(started.getStartTime()));
  }

  private String returnReviewDay(DelegateExecution execution) {
    HistoricTaskInstance review = lookups.read(() -> history.createHistoricTaskInstanceQuery()
        .rootProcessInstanceId(caseOf(execution)).taskDefinitionKeyIn(SupportSchedule.IRO_REVIEWS).finished()
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1)).stream().findFirst().orElse(null);
    return review == null ? CaseRecord.of(execution).returnDate() : calendar.dayOf(review.getEndTime());
  }
}
