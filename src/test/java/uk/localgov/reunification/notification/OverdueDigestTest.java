package uk.localgov.reunification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;

/** The weekday digest is a timer of the engine's: one job, whichever node runs it, and a run that ends. */
@ApplicationTest
class OverdueDigestTest {

  @Autowired
  ManagementService jobs;
  @Autowired
  HistoryService history;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theWeekdayTimerRunsTheDigestOnceAndEnds() {
    ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2026-12-03 07:00:00"));    // a Thursday
    Job timer = jobs.createJobQuery().processDefinitionKey("overdueDigest").timers().singleResult();
    assertThat(timer).as("one timer for the deployment").isNotNull();

    jobs.executeJob(timer.getId());
    Job send = jobs.createJobQuery().processDefinitionKey("overdueDigest").messages().singleResult();
    jobs.executeJob(send.getId());

    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("overdueDigest").finished().count())
        .isPositive();
    assertThat(jobs.createJobQuery().processDefinitionKey("overdueDigest").timers().count())
        .as("the next weekday's timer").isOne();
  }

  /** Nobody is at work on a bank holiday of England and Wales: the next working day's digest lists the same work. */
  @Test
  void onABankHolidayNoDigestIsSent() {
    ClockUtil.setCurrentTime(java.sql.Timestamp.valueOf("2026-08-31 07:00:00"));    // the summer bank holiday, a Monday
    long endedOnBankHolidays = bankHolidayRuns();
    Job timer = jobs.createJobQuery().processDefinitionKey("overdueDigest").timers().singleResult();

    jobs.executeJob(timer.getId());

    assertThat(jobs.createJobQuery().processDefinitionKey("overdueDigest").messages().count()).as("nothing to send").isZero();
    assertThat(bankHolidayRuns()).isEqualTo(endedOnBankHolidays + 1);
    assertThat(jobs.createJobQuery().processDefinitionKey("overdueDigest").timers().count())
        .as("the next weekday's timer").isOne();
  }

  private long bankHolidayRuns() {
    return history.createHistoricActivityInstanceQuery().activityId("EndEvent_NoDigestOnBankHoliday").finished().count();
  }
}
