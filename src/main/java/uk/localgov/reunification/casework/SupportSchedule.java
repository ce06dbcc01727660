package uk.localgov.reunification.casework;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * When the next Child in Need review and the next weekly progress record fall due while support
 * is active. Known in expressions as {@code supportSchedule}.
 */
@Component("supportSchedule")
public class SupportSchedule {

  /** Salford §8: the Child in Need co-ordinator reviews the return plan at 6-weekly intervals. */
  public static final String FIRST_REVIEW_AFTER = "P42D";
  /** Portsmouth (Going Home project): progress is tracked weekly while support is active. */
  public static final long PROGRESS_EVERY_DAYS = 7;

  private final CaseCalendar calendar;

  public SupportSchedule(CaseCalendar calendar) {
    this.calendar = calendar;
  }

  /** At the start of support: the first review 6 weeks on, the first progress record a week on. */
  public void start(DelegateExecution execution) {
    String today = calendar.todayAsText();
    execution.setVariable("supportStarted", today);
    execution.setVariable("nextReviewDue", calendar.endOfDayAfter(today, FIRST_REVIEW_AFTER));
    execution.setVariable("nextProgressDue", calendar.endOfDayAfter(today, PROGRESS_EVERY_DAYS));
  }

  /** After a review that continues support: the next one after the interval it chose (default 6 weeks). */
  public void nextReview(DelegateExecution execution) {
    Object chosen = execution.getVariable("nextReviewIn");
    String interval = chosen instanceof String text && !text.isBlank() ? text : FIRST_REVIEW_AFTER;
    execution.setVariable("nextReviewDue", calendar.endOfDayAfter(calendar.todayAsText(), interval));
  }

  /** After a progress record: the next one is due a week after the last one was. */
  public void nextWeek(DelegateExecution execution) {
    Date previous = (Date) execution.getVariable("nextProgressDue");
    execution.setVariable("nextProgressDue", Date.from(previous.toInstant().plus(Duration.ofDays(PROGRESS_EVERY_DAYS))));
  }
}
