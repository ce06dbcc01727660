package uk.localgov.reunification.notification;

import java.time.Duration;
import uk.localgov.reunification.wording.UkDates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.mail.SimpleMailMessage;
import uk.localgov.reunification.casework.CaseTask;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.identity.Roles;

/**
 * Tells people by email about work that is theirs: a task assigned to them, an escalation that
 * reaches a line manager or the service managers, and each morning their overdue work. A message
 * names the case reference, the task and a link to it in Tasklist, never the child (email is not a
 * secure channel). Each message is a job of the engine's ({@link NoticeJob}), written with the step
 * it reports and sent by the job executor with retries, then an incident: a mail server that is
 * down or hangs never fails, delays or rolls back the casework, and no notice is lost with a node.
 * People may turn off the non-urgent messages (user info {@code emailNonUrgent=false}); escalations
 * always go.
 */
public class WorkNotices {

  public static final String OPT_OUT = "emailNonUrgent";

  private final MailProperties properties;
  private final IdentityService identity;
  private final TaskService tasks;
  private final UnrestrictedLookups lookups;
  private final NoticeQueue queue;

  public WorkNotices(NoticeQueue queue, MailProperties properties, IdentityService identity, TaskService tasks,
      UnrestrictedLookups lookups) {
    this.queue = queue;
    this.properties = properties;
    this.identity = identity;
    this.tasks = tasks;
    this.lookups = lookups;
  }

  /** A task was assigned: tell the assignee. */
  public void assigned(DelegateTask task) {
    if (task.getAssignee() != null) {
      notify(List.of(task.getAssignee()), task);
    }
  }

  /** A task was offered to a role group: tell its members when it is an escalation or a ratification. */
  public void offered(DelegateTask task) {
    if (task.getAssignee() != null) {
      return;
    }
    task.getCandidates().stream().filter(link -> link.getGroupId() != null)
        .filter(link -> Roles.SERVICE_MANAGERS.equals(link.getGroupId()) || Roles.RATIFIERS.contains(link.getGroupId()))
        .forEach(link -> notify(lookups.read(() -> membersOf(link.getGroupId(), task.getTenantId())).stream()
            .map(User::getId).toList(), task));
  }

  /** The role group's members; where several authorities share the platform, those of the task's authority only. */
  private List<User> membersOf(String group, String authority) {
    var members = identity.createUserQuery().memberOfGroup(group);
    return (authority == null ? members : members.memberOfTenant(authority)).list();
  }

  private void notify(List<String> users, DelegateTask task) {
    if (task.getExecution() == null) {
      return; // a stand-alone task made in Tasklist belongs to no case
    }
    boolean urgent = CaseTask.of(task.getTaskDefinitionKey()).map(CaseTask::isEscalation).orElse(false);
    String childId = task.getExecution().getProcessBusinessKey();
    for (String userId : users) {
      String address = addressOf(userId, urgent);
      if (address != null) {
        queue.enqueue(message(address, (urgent ? "Escalation: " : "New task: ") + label(task.getTaskDefinitionKey())
            + " for case " + childId,
            "Case reference: " + childId + "\nTask: " + label(task.getTaskDefinitionKey())
                + (task.getDueDate() == null ? "" : "\nDue: " + day(task.getDueDate()))
                + "\nOpen it in Tasklist: " + properties.tasklistUrl() + "#/?task=" + task.getId()
                + "\n\nThis message does not name the child: sign in to Tasklist to see the case."),
            rootOf(task));
      }
    }
  }

  /**
   * Each person's overdue work, one message each: run each weekday morning by process
   * {@code overdueDigest} (once per cluster: its timer is a job of the engine's).
   */
  public int sendOverdueDigest() {
    Date now = ClockUtil.getCurrentTime();
    Map<String, List<Task>> overdue = new TreeMap<>();
    lookups.read(() -> tasks.createTaskQuery().dueBefore(now).taskAssigned().list())
        .forEach(task -> overdue.computeIfAbsent(task.getAssignee(), user -> new ArrayList<>()).add(task));
    int sent = 0;
    for (Map.Entry<String, List<Task>> person : overdue.entrySet()) {
      String address = addressOf(person.getKey(), false);
      if (address == null) {
        continue;
      }
      StringBuilder body = new StringBuilder("Your overdue work:\n\n");
      for (Task task : person.getValue()) {
        String childId = lookups.read(() -> tasks.getVariable(task.getId(), "childId")) instanceof String id ? id : "?";
        long days = Duration.between(task.getDueDate().toInstant(), now.toInstant()).toDays();
        body.append("- Case ").append(childId).append(": ").append(label(task.getTaskDefinitionKey()))
            .append(", due ").append(day(task.getDueDate())).append(" (").append(days).append(" days overdue) ")
            .append(properties.tasklistUrl()).append("#/?task=").append(task.getId()).append('\n');
      }
      queue.enqueue(message(address, "Overdue work: " + person.getValue().size() + " task(s)", body.toString()), null);
      sent++;
    }
    return sent;
  }

  private String addressOf(String userId, boolean urgent) {
    return lookups.read(() -> {
      User user = identity.createUserQuery().userId(userId).singleResult();
      if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
        return null;
      }
      if (!urgent && "false".equals(identity.getUserInfo(userId, OPT_OUT))) {
        return null;
      }
      return user.getEmail();
    });
  }

  private SimpleMailMessage message(String to, String subject, String body) {
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.from());
    message.setTo(to);
    message.setSubject("[Reunification] " + subject);
    message.setText(body);
    return message;
  }

  /** The root process of the task's case: a called process's notice belongs to the case that called it. */
  private static String rootOf(DelegateTask task) {
    return task.getExecution() instanceof org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity execution
        ? execution.getRootProcessInstanceId() : task.getProcessInstanceId();
  }

  /** What a task is called in a message (its declared label): the task's own name can carry the child's name. */
  static String label(String taskKey) {
    return CaseTask.labelOf(taskKey);
  }

  static String day(Date date) {
    return UkDates.day(date);
  }
}
