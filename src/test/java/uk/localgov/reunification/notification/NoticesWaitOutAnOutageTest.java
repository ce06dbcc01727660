package uk.localgov.reunification.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.StandaloneApplication;

/**
 * A mail server down for an hour (its Sunday patching) loses no notice and raises no incident: a
 * failed send waits 1, 5, then 15 minutes before its next try, on the production settings, here on
 * a controlled clock; when the server answers again the notice arrives, once.
 */
class NoticesWaitOutAnOutageTest {

  @TempDir
  Path dataDir;
  GreenMail smtp;

  @AfterEach
  void resetClockAndMail() {
    ClockUtil.reset();
    if (smtp != null) {
      smtp.stop();
    }
  }

  static List<Job> notices(ManagementService jobs) {
    return jobs.createJobQuery().list().stream()
        .filter(job -> NoticeJob.TYPE.equals(((JobEntity) job).getJobHandlerType())).toList();
  }

  @Test
  void aMailServerDownForAnHourLosesNoNoticeAndRaisesNoIncident() throws Exception {
    int port = NoticesSurviveFailuresTest.freePort();
    Date start = new Date();
    ClockUtil.setCurrentTime(start);
    try (ConfigurableApplicationContext app = StandaloneApplication.start(dataDir, "spring.profiles.active=demo",
        "reunification.demo.cases=false", "reunification.mail.enabled=true", "spring.mail.host=127.0.0.1",
        "spring.mail.port=" + port)) {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      ManagementService jobs = app.getBean(ManagementService.class);
      runtime.startProcessInstanceByKey("plannedReturn", NoticesSurviveFailuresTest.child("OUTAGE-1"));
      List<Job> queued = notices(jobs);
      assertThat(queued).as("the assessment's notice to the social worker, in flight").hasSize(1);
      String notice = queued.get(0).getId();
      assertThat(queued.get(0).getPriority()).as("below the case's own work").isEqualTo(NoticeJob.PRIORITY);

      List<Long> triedAtMinutes = new ArrayList<>();
      Date end = new Date(start.getTime() + Duration.ofHours(1).toMillis());
      while (true) {
        Job job = jobs.createJobQuery().jobId(notice).singleResult();
        if (job.getDuedate() != null && job.getDuedate().after(end)) {
          break;
        }
        ClockUtil.setCurrentTime(job.getDuedate() == null ? start : job.getDuedate());
        triedAtMinutes.add((ClockUtil.getCurrentTime().getTime() - start.getTime()) / 60_000);
        assertThatThrownBy(() -> jobs.executeJob(notice)).as("nobody listens on the mail port");
      }

      Job waiting = jobs.createJobQuery().jobId(notice).singleResult();
      System.out.printf("Mail server down for an hour: tried at minutes %s; %d tries left, next at minute %d;"
          + " incidents %d%n", triedAtMinutes, waiting.getRetries(),
          (waiting.getDuedate().getTime() - start.getTime()) / 60_000, runtime.createIncidentQuery().count());
      assertThat(triedAtMinutes).containsExactly(0L, 1L, 6L, 21L);
      assertThat(waiting.getRetries()).as("a day of hourly tries still to come").isEqualTo(MailProperties.RETRY_AFTER.size() - 3);
      assertThat(runtime.createIncidentQuery().count()).isZero();
      assertThat(waiting.getExceptionMessage()).containsIgnoringCase("connect");

      smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      ClockUtil.setCurrentTime(waiting.getDuedate());
      jobs.executeJob(notice);

      MimeMessage[] arrived = smtp.getReceivedMessages();
      assertThat(arrived).as("the notice, once, when the server answers").hasSize(1);
      assertThat(arrived[0].getMessageID()).as("the id it kept through every try").startsWith("<notice-");
      assertThat(notices(jobs)).isEmpty();
    }
  }

  /**
   * Sent at least once: when a node dies after the mail server accepted a notice but before its job
   * committed, another node sends it again. Both copies carry the notice's one Message-ID, so a mail
   * client shows them as one message.
   */
  @Test
  void aNoticeSentAgainAfterACrashKeepsItsMessageId() throws Exception {
    smtp = new GreenMail(new ServerSetup(NoticesSurviveFailuresTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    org.springframework.mail.javamail.JavaMailSenderImpl sender = new org.springframework.mail.javamail.JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    NoticeJob job = new NoticeJob(() -> sender, () -> new MailProperties(true, "reunification@northshire.example", null, null));
    NoticeJob.Notice notice = job.newConfiguration(new NoticeJob.Notice("socialworker1@northshire.example",
        "Assessment due for DEMO-1", "Open it in Tasklist", java.util.UUID.randomUUID().toString()).toCanonicalString());

    job.execute(notice, null, null, null);
    job.execute(notice, null, null, null); // the retry of a send whose commit was lost

    MimeMessage[] arrived = smtp.getReceivedMessages();
    assertThat(arrived).hasSize(2);
    assertThat(arrived[0].getMessageID()).isEqualTo(arrived[1].getMessageID())
        .isEqualTo("<notice-" + notice.id() + "@northshire.example>");
  }
}
