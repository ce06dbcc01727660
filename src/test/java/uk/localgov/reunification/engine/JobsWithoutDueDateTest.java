package uk.localgov.reunification.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.notification.NoticeJob;
import uk.localgov.reunification.notification.NoticeQueue;

/**
 * The job executor takes the jobs due soonest first and reads only jobs with a due date. A job an
 * earlier version queued without one would never run; the start-up makes it due.
 */
@ApplicationTest
class JobsWithoutDueDateTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired JobsWithoutDueDate jobsWithoutDueDate;

  @Test
  void aNoticeQueuedWithoutADueDateByAnEarlierVersionIsMadeDueAtStartUp() {
    String job = command(context -> {
      MessageEntity notice = new MessageEntity();  // as NoticeQueue wrote it before jobs had due dates
      notice.setJobHandlerType(NoticeJob.TYPE);
      notice.setJobHandlerConfiguration(new NoticeJob.Notice("nobody@example.org", "Undated", "An undated notice",
          java.util.UUID.randomUUID().toString()));
      notice.setRetries(3);
      notice.setExclusive(false);
      context.getJobManager().insertJob(notice);
      return notice.getId();
    });
    assertThat(jdbc.queryForObject("SELECT DUEDATE_ FROM ACT_RU_JOB WHERE ID_ = ?", java.util.Date.class, job)).isNull();
    assertThat(acquirable()).as("the job executor never reads an undated job").doesNotContain(job);

    jobsWithoutDueDate.makeDueNow();

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB WHERE DUEDATE_ IS NULL", Long.class)).isZero();
    List<String> acquirable = acquirable();
    boolean alreadyRun = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB WHERE ID_ = ? AND LOCK_OWNER_ IS NULL",
        Long.class, job) == 0;
    assertThat(alreadyRun || acquirable.contains(job)).as("the job is due now, for the job executor to take").isTrue();
  }

  @Test
  void aNoticeIsQueuedDueNow() {
    java.util.Date before = new java.util.Date(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime() / 1000 * 1000);
    String subject = "Due now " + System.nanoTime();
    SimpleMailMessage message = new SimpleMailMessage();
    message.setTo("nobody@example.org");
    message.setSubject(subject);
    message.setText("A notice");
    new NoticeQueue(engine, 3).enqueue(message, null);

    List<java.util.Date> due = jdbc.queryForList("SELECT DUEDATE_ FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = ? AND HANDLER_CFG_ LIKE ?",
        java.util.Date.class, NoticeJob.TYPE, "%" + subject + "%");
    assertThat(due).singleElement().isNotNull().satisfies(date -> assertThat(date).isAfterOrEqualTo(before));
  }

  private List<String> acquirable() {
    return command(context -> context.getJobManager().findNextJobsToExecute(new Page(0, 2000)).stream()
        .map(AcquirableJobEntity::getId).toList());
  }

  private <T> T command(org.camunda.bpm.engine.impl.interceptor.Command<T> command) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(command);
  }
}
