package uk.localgov.reunification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.PostgresForTests;
import uk.localgov.reunification.StandaloneApplication;
import uk.localgov.reunification.casework.CaseCalendar;

/**
 * A notice about work is engine work ({@link NoticeJob}): written with its step, sent by one node's
 * job executor, retried while the mail server is away or hangs. Nodes share a PostgreSQL database;
 * each test prints what it saw.
 */
class NoticesSurviveFailuresTest {

  @TempDir
  Path dataDir;

  GreenMail smtp;

  @AfterEach
  void stopMail() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  /** The mail settings of application.yaml: 10 s per try, and the default waits between tries. */
  static final String[] PRODUCTION_MAIL = {"reunification.mail.retry-after=",
      "spring.mail.properties.mail.smtp.connectiontimeout=10000", "spring.mail.properties.mail.smtp.timeout=10000",
      "spring.mail.properties.mail.smtp.writetimeout=10000"};

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** GreenMail on the port; a port just freed by the hung server may take a moment to bind again. */
  GreenMail mailServerOn(int port) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
      setup.setServerStartupTimeout(10_000);
      smtp = new GreenMail(setup);
      try {
        smtp.start();
        return smtp;
      } catch (IllegalStateException notYet) {
        smtp.stop();
        if (attempt == 5) {
          throw notYet;
        }
        Thread.sleep(1_000);
      }
    }
  }

  ConfigurableApplicationContext node(String url, String name, int smtpPort, boolean jobExecutor, String... more) {
    List<String> properties = new ArrayList<>(List.of("spring.profiles.active=demo,postgres",
        "reunification.demo.cases=false", "spring.datasource.url=" + url, "spring.datasource.username=postgres",
        "spring.datasource.password=postgres", "camunda.bpm.database.schema-update=true",
        "camunda.bpm.process-engine-name=" + name, "camunda.bpm.metrics.db-reporter-activate=false",
        "camunda.bpm.job-execution.enabled=" + jobExecutor, "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000", "camunda.bpm.generic-properties.properties.hostname=" + name,
        "reunification.mail.enabled=true", "spring.mail.host=127.0.0.1", "spring.mail.port=" + smtpPort,
        "reunification.mail.retry-after=PT0S,PT0S,PT0S,PT0S", "spring.mail.properties.mail.smtp.connectiontimeout=1000",
        "spring.mail.properties.mail.smtp.timeout=1000", "spring.mail.properties.mail.smtp.writetimeout=1000"));
    properties.addAll(List.of(more));
    return StandaloneApplication.start(dataDir.resolve(name), properties.toArray(String[]::new));
  }

  static Map<String, Object> child(String childId) {
    return Map.of("childId", childId, "childName", "Notice Example", "dateOfBirth", "2014-02-02",
        "legalStatus", "SECTION_20", "weeksAccommodated", 20, "eligibleChild", false, "socialWorker", "socialworker1",
        "iro", "iro1");
  }

  List<MimeMessage> about(String childId) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
      try {
        return message.getSubject().contains(childId);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  List<MimeMessage> waitFor(String childId, int atLeast, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (about(childId).size() < atLeast && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    return about(childId);
  }

  @Test
  void aNoticeWrittenWithItsStepArrivesOnceThoughItsNodeDiesBeforeSending() throws Exception {
    String url = PostgresForTests.newDatabase("notices_node");
    int port = freePort();
    mailServerOn(port);
    try (ConfigurableApplicationContext doomed = node(url, "doomed", port, false)) {
      doomed.getBean(RuntimeService.class).startProcessInstanceByKey("plannedReturn", child("NOTICE-1"));
      assertThat(doomed.getBean(ManagementService.class).createJobQuery().count())
          .as("the notice is a job, committed with the step").isPositive();
    }
    assertThat(about("NOTICE-1")).as("nothing sent: the node died first").isEmpty();

    long started = System.currentTimeMillis();
    try (ConfigurableApplicationContext survivor = node(url, "survivor", port, true)) {
      List<MimeMessage> arrived = waitFor("NOTICE-1", 1, 20_000);
      long took = System.currentTimeMillis() - started;
      Thread.sleep(3_000);
      System.out.printf("Node died before sending: notices expected 1, arrived %d, duplicates %d, lost %d;"
          + " sent %d ms after the survivor started%n", about("NOTICE-1").size(), Math.max(0, about("NOTICE-1").size() - 1),
          arrived.isEmpty() ? 1 : 0, took);
      assertThat(about("NOTICE-1")).hasSize(1);
    }
  }

  @Test
  void aHungMailServerDelaysNoStepAndTheNoticeArrivesOnceItAnswers() throws Exception {
    String url = PostgresForTests.newDatabase("notices_hung");
    int port = freePort();
    List<Socket> held = new ArrayList<>();
    ServerSocket hung = new ServerSocket();
    hung.setReuseAddress(true);
    hung.bind(new java.net.InetSocketAddress("127.0.0.1", port), 50);
    Thread accepting = new Thread(() -> {
      while (!hung.isClosed()) {
        try {
          held.add(hung.accept()); // accepts, never answers
        } catch (IOException closed) {
          return;
        }
      }
    });
    accepting.setDaemon(true);
    accepting.start();
    // The production settings: each try gives up after 10 s, and a failed notice waits 1, 5, 15
    // minutes, then hourly; the clock is moved on instead of waiting those minutes
    try (ConfigurableApplicationContext app = node(url, "hung", port, true, PRODUCTION_MAIL)) {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      TaskService tasks = app.getBean(TaskService.class);
      ManagementService jobs = app.getBean(ManagementService.class);
      long before = System.currentTimeMillis();
      runtime.startProcessInstanceByKey("plannedReturn", child("NOTICE-2"));
      Task assessment = tasks.createTaskQuery().processInstanceBusinessKey("NOTICE-2").singleResult();
      tasks.complete(assessment.getId(), Map.of("assessmentSummary", "Summary"));
      long stepsTook = System.currentTimeMillis() - before;
      assertThat(stepsTook).as("a start and a completion, with the mail server hanging").isLessThan(5_000);

      long deadline = System.currentTimeMillis() + 40_000;
      while (jobs.createJobQuery().withException().count() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(jobs.createJobQuery().withException().count()).as("a send timed out and waits to be retried").isPositive();
      assertThat(jobs.createJobQuery().withException().list()).as("the failed notice waits, not tried again at once")
          .allSatisfy(job -> assertThat(job.getDuedate()).isAfter(new Date(System.currentTimeMillis() + 30_000)));
      hung.close();
      for (Socket socket : held) {
        socket.close();
      }
      long answering = System.currentTimeMillis();
      mailServerOn(port);
      List<MimeMessage> arrived = about("NOTICE-2");
      for (int minutes = 2; arrived.size() < 2 && System.currentTimeMillis() < answering + 90_000; minutes += 2) {
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + minutes * 60_000L));
        arrived = waitFor("NOTICE-2", 2, 2_000);
      }
      Thread.sleep(2_000);
      System.out.printf("Hung mail server: start and completion took %d ms; notices expected 2, arrived %d,"
          + " duplicates %d; last arrived %d ms after the server answered%n", stepsTook, about("NOTICE-2").size(),
          Math.max(0, about("NOTICE-2").size() - 2), System.currentTimeMillis() - answering - 2_000);
      assertThat(runtime.createIncidentQuery().count()).as("no notice ran out of attempts").isZero();
      assertThat(about("NOTICE-2")).as("the assessment's and the plan's, once each").hasSize(2);
      assertThat(arrived).isNotEmpty();
    } finally {
      ClockUtil.reset();
      hung.close();
    }
  }

  @Test
  void theDigestArrivesOnceWithTwoNodes() throws Exception {
    String url = PostgresForTests.newDatabase("notices_digest");
    int port = freePort();
    mailServerOn(port);
    try (ConfigurableApplicationContext a = node(url, "digesta", port, true);
        ConfigurableApplicationContext b = node(url, "digestb", port, true)) {
      RuntimeService runtime = a.getBean(RuntimeService.class);
      TaskService tasks = a.getBean(TaskService.class);
      ManagementService jobs = a.getBean(ManagementService.class);
      // No digest goes on a weekend or bank holiday: the test runs on a working day, whichever day it is run.
      ClockUtil.setCurrentTime(nextWorkingDay(a.getBean(CaseCalendar.class)));
      runtime.startProcessInstanceByKey("plannedReturn", child("NOTICE-3"));
      Task assessment = tasks.createTaskQuery().processInstanceBusinessKey("NOTICE-3").singleResult();
      tasks.setDueDate(assessment.getId(), new Date(ClockUtil.getCurrentTime().getTime() - 2 * 86_400_000L));
      waitFor("NOTICE-3", 1, 20_000);

      List<Job> timers = jobs.createJobQuery().processDefinitionKey("overdueDigest").timers().list();
      assertThat(timers).as("one weekday timer for the cluster").hasSize(1);
      jobs.setJobDuedate(timers.get(0).getId(), new Date(ClockUtil.getCurrentTime().getTime() - 1000));

      long deadline = System.currentTimeMillis() + 30_000;
      while (digests().isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(5_000);
      System.out.printf("Digest with two nodes: digests to socialworker1 expected 1, arrived %d%n", digests().size());
      assertThat(digests()).hasSize(1);
    } finally {
      ClockUtil.reset();
    }
  }

  /** 06:00 on today or the first working day after it: before that day's digest timer is due. */
  static Date nextWorkingDay(CaseCalendar calendar) {
    LocalDate day = calendar.today();
    while (!calendar.isWorkingDay(day)) {
      day = day.plusDays(1);
    }
    return Date.from(day.atTime(6, 0).atZone(ZoneId.of("Europe/London")).toInstant());
  }

  @Test
  void aNoticeThatCannotBeSentBecomesAnIncident() throws Exception {
    String url = PostgresForTests.newDatabase("notices_incident");
    int nobodyListening = freePort();
    try (ConfigurableApplicationContext app = node(url, "incident", nobodyListening, true, "reunification.mail.retry-after=PT0S")) {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      String instance = runtime.startProcessInstanceByKey("plannedReturn", child("NOTICE-4")).getId();

      long deadline = System.currentTimeMillis() + 30_000;
      String definition = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getProcessDefinitionId();
      while (runtime.createIncidentQuery().processDefinitionId(definition).count() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      var incident = runtime.createIncidentQuery().processDefinitionId(definition).singleResult();
      assertThat(incident).as("shown on the case's process in Cockpit once the attempts run out").isNotNull();
      assertThat(app.getBean(ManagementService.class).createJobQuery().jobId(incident.getConfiguration()).singleResult()
          .getProcessInstanceId()).as("the notice names its case").isEqualTo(instance);
      assertThat(incident.getIncidentType()).isEqualTo("failedJob");
      assertThat(incident.getIncidentMessage()).as(incident.getIncidentMessage()).containsIgnoringCase("connect");
      System.out.printf("Mail server down: an incident on the case's process after %d attempts: %s%n", 2, incident.getIncidentMessage());
    }
  }

  List<MimeMessage> digests() {
    return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
      try {
        return message.getSubject().startsWith("[Reunification] Overdue work")
            && Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equals("socialworker1@demo.invalid"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
