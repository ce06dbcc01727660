package uk.localgov.reunification.records;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import uk.localgov.reunification.engine.Caller;
import uk.localgov.reunification.engine.CommandObserver;

/**
 * Records each read of a child's case by a person ({@link ReadLog}): whatever a person's command
 * to the engine returned that belongs to a case (tasks, process instances, variables, history of
 * every kind, Cockpit's lists) names the child by the case's business key. The surface is the
 * request it came through: Tasklist, Cockpit, Admin, the engine's REST API, or the project's API
 * (there the request itself is what was read). The same read by the same person through the same
 * surface is recorded once in {@code reunification.read-log.same-read-within} (15 minutes), as
 * Tasklist refreshes its list every few seconds.
 */
@Component
public class CaseReads implements CommandObserver {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CaseReads.class);

  /** The command fields that name what a command reads when its result does not. */
  private static final String[] NAMING_FIELDS = {"taskId", "executionId", "processInstanceId", "resourceId"};
  private static final int REMEMBERED = 10_000;

  private final ReadLog log;
  private final RecordRetention retention;
  private final Duration sameReadWithin;
  private final Map<String, Long> recentReads = new ConcurrentHashMap<>();
  private volatile int sweepAbove = REMEMBERED;
  private final Map<String, String> childOfProcess = bounded();
  private final Map<String, Date> removalOfChild = bounded();
  private final Map<Class<?>, Method[]> getters = new ConcurrentHashMap<>();

  public CaseReads(ReadLog log, RecordRetention retention,
      @Value("${reunification.read-log.same-read-within:PT15M}") Duration sameReadWithin) {
    this.log = log;
    this.retention = retention;
    this.sameReadWithin = sameReadWithin;
  }

  @Override
  public void observed(Command<?> command, Object result, Caller caller, CommandContext context) {
    boolean returnedVariables = ReadsBeyondTheResult.returnedVariables(command, result);
    if (caller == null || !isRead(command) && !returnedVariables) {
      return;
    }
    Set<String> children = new LinkedHashSet<>();
    try {
      if (ReadsBeyondTheResult.isCountByValues(command)) {
        // a count of cases whose variables hold given values tells of each case it counts
        children.addAll(ReadsBeyondTheResult.casesCounted(command, result, context, this::childOf));
      } else if (!returnedVariables) {
        collect(result, children, context, 0);
      }
      if (children.isEmpty()) {
        namedByFields(command, context, children);
      }
    } catch (RuntimeException unreadable) {
      // the log must never cost the person their read: say so loudly instead
      LOG.warn("Could not tell which case {} read through {}: {}", caller.userId(), describe(command), unreadable.toString());
      return;
    }
    HttpServletRequest request = request();
    String surface = surface(request);
    String what = "API".equals(surface) ? request.getMethod() + " " + path(request) : describe(command);
    record(caller.userId(), children, what, surface, authorityOf(context));
  }

  /** The reader's one authority, when several share the platform: the engine let them read only its cases. */
  private static String authorityOf(CommandContext context) {
    return uk.localgov.reunification.authority.CaseAuthority.ofCaller(context.getAuthentication());
  }

  /**
   * Records that a person read these children's cases, for reads the engine's commands do not
   * show: Cockpit's own plugin queries run on a command executor of the webapp's, outside the
   * engine's interceptors ({@link WebappPluginReads}).
   */
  public void readThrough(String userId, Collection<String> children, HttpServletRequest request) {
    record(userId, children, request.getMethod() + " " + path(request), surface(request), null);
  }

  private void record(String userId, Collection<String> children, String what, String surface, String authority) {
    Date now = ClockUtil.getCurrentTime();
    for (String child : children) {
      if (firstReadLately(userId + '|' + authority + '|' + child + '|' + what + '|' + surface, now.getTime())) {
        log.add(child, userId, now, what, surface, removalOf(child), authority);
      }
    }
  }

  private void collect(Object value, Set<String> children, CommandContext context, int depth) {
    if (value == null || depth > 2) {
      return;
    }
    if (value instanceof Collection<?> many) {
      many.forEach(one -> collect(one, children, context, depth + 1));
      return;
    }
    if (value instanceof org.camunda.bpm.engine.variable.VariableMap) {
      // variables name no case of their own (the command's fields do), and reading a value that was
      // fetched serialized, as Tasklist asks for them, would fail the caller's read
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.values().forEach(one -> collect(one, children, context, depth + 1));
      return;
    }
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
      return;
    }
    Method[] methods = getters.computeIfAbsent(value.getClass(), CaseReads::caseGetters);
    String businessKey = call(methods[0], value);
    if (businessKey != null) {
      children.add(businessKey);
      return;
    }
    String processInstanceId = call(methods[1], value);
    if (processInstanceId != null) {
      String child = childOf(processInstanceId, context);
      if (child != null) {
        children.add(child);
      }
    }
  }

  private void namedByFields(Command<?> command, CommandContext context, Set<String> children) {
    for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (String name : NAMING_FIELDS) {
        Object id = fieldValue(type, name, command);
        if (id instanceof String text) {
          String processInstanceId = switch (name) {
            case "taskId", "resourceId" -> {
              TaskEntity task = context.getTaskManager().findTaskById(text);
              if (task == null && "taskId".equals(name)) {
                // a task completed by this very command (its variables returned) is history now
                var done = context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(text);
                yield done == null ? null : done.getProcessInstanceId();
              }
              yield task == null ? null : task.getProcessInstanceId();
            }
            case "executionId" -> {
              ExecutionEntity execution = context.getExecutionManager().findExecutionById(text);
              yield execution == null ? null : execution.getProcessInstanceId();
            }
            default -> text;
          };
          String child = processInstanceId == null ? null : childOf(processInstanceId, context);
          if (child != null) {
            children.add(child);
          }
        }
      }
    }
  }

  String childOf(String processInstanceId, CommandContext context) {
    return childOfProcess.computeIfAbsent(processInstanceId, id -> {
      HistoricProcessInstanceEventEntity process = context.getHistoricProcessInstanceManager().findHistoricProcessInstance(id);
      return process == null ? null : process.getBusinessKey();
    });
  }

  private Date removalOf(String child) {
    return removalOfChild.computeIfAbsent(child, id -> retention.removalTimeOf(id).orElse(null));
  }

  private boolean firstReadLately(String key, long now) {
    Long before = recentReads.put(key, now);
    if (recentReads.size() > sweepAbove) {
      recentReads.values().removeIf(at -> now - at > sameReadWithin.toMillis());
      // what is still recent stays: the next sweep waits until as many again are added, or one read
      // of more cases than that (a manager's oversight figures) would sweep the whole map per case
      sweepAbove = Math.max(REMEMBERED, 2 * recentReads.size());
    }
    return before == null || now - before > sameReadWithin.toMillis();
  }

  /** The case's business key and process instance id getters of a type, where it has them. */
  private static Method[] caseGetters(Class<?> type) {
    return new Method[] {getter(type, "getBusinessKey"), getter(type, "getProcessInstanceId")};
  }

  private static Method getter(Class<?> type, String name) {
    try {
      Method method = type.getMethod(name);
      return method.getReturnType() == String.class ? method : null;
    } catch (NoSuchMethodException none) {
      return null;
    }
  }

  private static String call(Method getter, Object target) {
    if (getter == null) {
      return null;
    }
    try {
      Object value = getter.invoke(target);
      return value instanceof String text && !text.isBlank() ? text : null;
    } catch (ReflectiveOperationException | RuntimeException unreadable) {
      return null;
    }
  }

  private static Object fieldValue(Class<?> type, String name, Object target) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException | RuntimeException none) {
      return null;
    }
  }

  /**
   * A query, or a command that gets or executes one (Tasklist's filters, Cockpit's lists): reads.
   * Starting or completing a case's work is recorded by the engine's own history, not here.
   */
  static boolean isRead(Command<?> command) {
    String name = command.getClass().getSimpleName();
    return command instanceof org.camunda.bpm.engine.impl.AbstractQuery<?, ?>
        || command instanceof uk.localgov.reunification.engine.CallersReads.Read<?> || name.startsWith("Get")
        || name.startsWith("Execute") || name.contains("Query") || name.startsWith("Fetch");
  }

  /** "TaskQueryImpl" is "task query", "GetTaskFormVariablesCmd" "get task form variables". */
  static String describe(Command<?> command) {
    String name = command.getClass().getSimpleName().replaceAll("(Impl|Cmd)$", "");
    if (name.isEmpty()) {
      name = command.getClass().getName();
    }
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }

  static String surface(HttpServletRequest request) {
    if (request == null) {
      return "application";
    }
    String path = path(request);
    String referer = String.valueOf(request.getHeader("Referer"));
    if (path.startsWith("/engine-rest")) {
      return "engine REST";
    }
    if (path.startsWith("/api/")) {
      return "API";
    }
    if (path.startsWith("/camunda/api/cockpit") || referer.contains("/app/cockpit")) {
      return "Cockpit";
    }
    if (path.startsWith("/camunda/api/tasklist") || referer.contains("/app/tasklist")) {
      return "Tasklist";
    }
    if (path.startsWith("/camunda/api/admin") || referer.contains("/app/admin")) {
      return "Admin";
    }
    return path.startsWith("/camunda") ? "webapps" : "application";
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static HttpServletRequest request() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        ? attributes.getRequest() : null;
  }

  private static <V> Map<String, V> bounded() {
    return java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    });
  }
}
