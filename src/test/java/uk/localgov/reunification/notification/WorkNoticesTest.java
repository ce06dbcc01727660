package uk.localgov.reunification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import uk.localgov.reunification.StandaloneApplication;

/** People hear about work that is theirs by email, with no child's name in any message. */
class WorkNoticesTest {

  static final String CHILD_NAME = "Quinn Confidential";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir
  Path dataDir;

  ConfigurableApplicationContext start(int smtpPort) {
    return StandaloneApplication.start(dataDir, "spring.profiles.active=demo", "reunification.demo.cases=false",
        "reunification.mail.enabled=true", "spring.mail.host=localhost", "spring.mail.port=" + smtpPort,
        "reunification.mail.retry-after=PT0S", "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=200", "camunda.bpm.job-execution.max-wait=1000");
  }

  static Map<String, Object> child(String childId) {
    return Map.of("childId", childId, "childName", CHILD_NAME, "dateOfBirth", "2014-02-02", "legalStatus", "CARE_ORDER",
        "weeksAccommodated", 20, "eligibleChild", false, "socialWorker", "socialworker1", "iro", "iro1");
  }

  static List<MimeMessage> to(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
      try {
        return Arrays.stream(message.getAllRecipients()).anyMatch(recipient -> recipient.toString().equals(address));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  void assignedWorkEscalationsAndTheDigestArriveWithoutTheChildsName() throws Exception {
    try (ConfigurableApplicationContext app = start(smtp.getSmtp().getPort())) {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      TaskService tasks = app.getBean(TaskService.class);
      IdentityService identity = app.getBean(IdentityService.class);

      runtime.startProcessInstanceByKey("plannedReturn", child("MAIL-1"));

      assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage assigned = to("socialworker1@demo.invalid").get(0);
      assertThat(assigned.getSubject()).isEqualTo(
          "[Reunification] New task: Complete Children and Families Assessment for case MAIL-1");
      assertThat(GreenMailUtil.getBody(assigned)).contains("Case reference: MAIL-1", "#/?task=")
          .doesNotContain(CHILD_NAME);

      identity.setUserInfo("socialworker1", WorkNotices.OPT_OUT, "false");
      Task assessment = tasks.createTaskQuery().processInstanceBusinessKey("MAIL-1").singleResult();
      tasks.complete(assessment.getId(), Map.of("assessmentSummary", "Summary"));

      runtime.startProcessInstanceByKey("welfareConcern", "MAIL-1", Map.of("childId", "MAIL-1",
          "childName", CHILD_NAME, "socialWorker", "socialworker1", "concernDetails", "Bruising seen"));
      assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
      MimeMessage escalation = to("linemanager1@demo.invalid").get(0);
      assertThat(escalation.getSubject()).isEqualTo("[Reunification] Escalation: Review welfare concern for case MAIL-1");
      assertThat(to("socialworker1@demo.invalid")).as("non-urgent mail turned off").hasSize(1);

      Task concern = tasks.createTaskQuery().processInstanceBusinessKey("MAIL-1").taskAssignee("linemanager1").singleResult();
      tasks.complete(concern.getId(), Map.of("concernOutcome", "STRATEGY_DISCUSSION", "escalateToServiceManager", true, "managerNotes", "Escalating"));
      assertThat(smtp.waitForIncomingEmail(10_000, 3)).isTrue();
      assertThat(to("servicemanager1@demo.invalid").get(0).getSubject())
          .isEqualTo("[Reunification] Escalation: Review escalated welfare concern for case MAIL-1");

      Task review = tasks.createTaskQuery().processInstanceBusinessKey("MAIL-1").taskDefinitionKey("compileReturnPlan")
          .singleResult();
      tasks.setAssignee(review.getId(), "socialworker2");
      assertThat(smtp.waitForIncomingEmail(10_000, 4)).isTrue();
      tasks.setDueDate(review.getId(), new Date(System.currentTimeMillis() - 3 * 86_400_000L));
      assertThat(app.getBean(WorkNotices.class).sendOverdueDigest()).isEqualTo(1);
      assertThat(smtp.waitForIncomingEmail(10_000, 5)).isTrue();
      MimeMessage digest = to("socialworker2@demo.invalid").stream()
          .filter(message -> subject(message).startsWith("[Reunification] Overdue work")).findFirst().orElseThrow();
      assertThat(GreenMailUtil.getBody(digest)).contains("Case MAIL-1: Compile return plan", "3 days overdue")
          .doesNotContain(CHILD_NAME);
      assertThat(GreenMailUtil.getBody(digest)).as("the due day as a person reads it, day first").contains(", due "
          + uk.localgov.reunification.wording.UkDates.day(java.time.LocalDate.now(
              uk.localgov.reunification.casework.CaseCalendar.ENGLAND).minusDays(3)) + " (3 days overdue)");
      for (MimeMessage message : smtp.getReceivedMessages()) {
        assertThat(GreenMailUtil.getWholeMessage(message)).doesNotContain(CHILD_NAME);
      }
    }
  }

  @Test
  void aDeadMailServerNeverStopsTheCasework() throws Exception {
    int nobodyListening;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobodyListening = socket.getLocalPort();
    }
    try (ConfigurableApplicationContext app = start(nobodyListening)) {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      TaskService tasks = app.getBean(TaskService.class);

      runtime.startProcessInstanceByKey("plannedReturn", child("MAIL-DEAD"));
      Task assessment = tasks.createTaskQuery().processInstanceBusinessKey("MAIL-DEAD").singleResult();
      tasks.complete(assessment.getId(), Map.of("assessmentSummary", "Summary"));

      assertThat(tasks.createTaskQuery().processInstanceBusinessKey("MAIL-DEAD").singleResult().getTaskDefinitionKey())
          .isEqualTo("compileReturnPlan");
    }
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
