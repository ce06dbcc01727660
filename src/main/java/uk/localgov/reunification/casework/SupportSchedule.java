package uk.localgov.reunification.casework;

import uk.localgov.reunification.authority.LocalPolicy;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * When the next Child in Need review and the next weekly progress record fall due while support
 * is active. Known in expressions as {@code supportSchedule}.
 */
@Component("supportSchedule")
public class SupportSchedule {

  /**
   * Salford §8: the Child in Need co-ordinator reviews the return plan at 6-weekly intervals. The
   * interval a case follows is its authority's, decision childInNeedReview ({@link LocalPolicy});
   * this is the default's figure, the longest a review may set until progress decides.
   */
  public static final String FIRST_REVIEW_AFTER = "P42D";
  /** The same interval in days: the longest a review may set until progress decides (Salford §8). */
  static final int SIX_WEEKLY_DAYS = java.time.Period.parse(FIRST_REVIEW_AFTER).getDays();
  /** Portsmouth (Going Home project): progress is tracked weekly while support is active. */
  public static final long PROGRESS_EVERY_DAYS = 7;
  /** Service standard for Salford §4: a review brought forward by a welfare concern is held within 7 days. */
  public static final long EARLY_REVIEW_WITHIN_DAYS = 7;

  /** The IRO's reviews of the return plan: before a planned return (Salford §5), after an unplanned one (§6). */
  static final String[] IRO_REVIEWS = {CaseTask.PRE_RETURN_REVIEW.key(), CaseTask.RETURN_REVIEW.key()};

  private final CaseCalendar calendar;
  private final HistoryService history;
  private final UnrestrictedLookups lookups;
  private final LocalPolicy localPolicy;

  public SupportSchedule(CaseCalendar calendar, HistoryService history, UnrestrictedLookups lookups,
      LocalPolicy localPolicy) {
    this.localPolicy = localPolicy;
    this.calendar = calendar;
    this.history = history;
    this.lookups = lookups;
  }

  /**
   * At the start of support: the first Child in Need review 6 weeks after the IRO's review of the
   * return plan (Salford §8: "After the first Review, chaired by the child's IRO, the Child in Need
   * co-ordinator will subsequently review the return plan, at 6 weekly intervals"), or 6 weeks on
   * when no such review is on record; the first progress record a week on.
   */
  public void start(DelegateExecution execution) {
    String today = calendar.todayAsText();
    execution.setVariable("supportStarted", today);
    execution.setVariable("nextReviewDue", calendar.endOfDayAfter(iroReviewDay(execution.getProcessBusinessKey(), today),
        localPolicy.childInNeedReviewEvery(execution)));
    execution.setVariable("nextProgressDue", calendar.endOfDayAfter(today, PROGRESS_EVERY_DAYS));
  }

  /** The day of the latest IRO review of the child's return plan, or {@code otherwise}. */
  private String iroReviewDay(String childId, String otherwise) {
    if (childId == null) {
      return otherwise;
    }
    HistoricTaskInstance review = lookups.read(() -> history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(childId).taskDefinitionKeyIn(IRO_REVIEWS).finished()
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1)).stream().findFirst().orElse(null);
    return review == null ? otherwise : calendar.dayOf(review.getEndTime());
  }

  /** After a review that continues support: the next one after the interval it chose (by default the authority's interval). */
  public void nextReview(DelegateExecution execution) {
    Object chosen = execution.getVariable("nextReviewIn");
    String interval = chosen instanceof String text && !text.isBlank() ? text : localPolicy.childInNeedReviewEvery(execution);
    execution.setVariable("nextReviewDue", calendar.endOfDayAfter(calendar.todayAsText(), interval));
  }

  /**
   * A welfare concern asked for an early review (Salford §4): the next review is due within 7 days
   * (a service standard), or when it was due already if that is sooner.
   */
  public void bringReviewForward(DelegateExecution execution) {
    Date withinAWeek = calendar.endOfDayAfterToday(EARLY_REVIEW_WITHIN_DAYS);
    Object due = execution.getVariable("nextReviewDue");
    if (!(due instanceof Date current) || withinAWeek.before(current)) {
      execution.setVariable("nextReviewDue", withinAWeek);
    }
  }

  /** After a progress record: the next one is due a week after the last one was. */
  public void nextWeek(DelegateExecution execution) {
    Date previous = (Date) execution.getVariable("nextProgressDue");
    execution.setVariable("nextProgressDue", Date.from(previous.toInstant().plus(Duration.ofDays(PROGRESS_EVERY_DAYS))));
  }
}
