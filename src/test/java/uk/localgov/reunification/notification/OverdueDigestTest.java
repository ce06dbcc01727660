package uk.localgov.reunification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
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

  @Test
  void theWeekdayTimerRunsTheDigestOnceAndEnds() {
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
}
