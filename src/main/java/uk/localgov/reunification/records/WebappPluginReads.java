package uk.localgov.reunification.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * Puts the reads of the webapps' own plugin endpoints ({@code /camunda/api/cockpit/plugin/…}, and
 * Tasklist's and Admin's) in the read log. Those queries run on a command executor of the
 * webapps' own, outside the engine's interceptors, so {@link CaseReads} never sees them: here the
 * answer itself is read for the cases it names (their business keys and process instances) once
 * it is written, and the person's session says who read it.
 */
public class WebappPluginReads extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CaseReads reads;
  private final HistoryService history;
  private final UnrestrictedLookups lookups;

  public WebappPluginReads(CaseReads reads, HistoryService history, UnrestrictedLookups lookups) {
    this.reads = reads;
    this.history = history;
    this.lookups = lookups;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, answer);
      String userId = userOf(request);
      String type = answer.getContentType();
      if (userId != null && answer.getStatus() < 300 && type != null && type.contains("json")
          && answer.getContentSize() > 0) {
        Set<String> children = childrenNamedIn(JSON.readTree(answer.getContentAsByteArray()));
        if (!children.isEmpty()) {
          reads.readThrough(userId, children, request);
        }
      }
    } finally {
      answer.copyBodyToResponse();
    }
  }

  private Set<String> childrenNamedIn(JsonNode answer) {
    Set<String> children = new LinkedHashSet<>();
    Set<String> processInstances = new LinkedHashSet<>();
    collect(answer, children, processInstances);
    if (!processInstances.isEmpty()) {
      lookups.read(() -> history.createHistoricProcessInstanceQuery()
          .processInstanceIds(processInstances).list()).stream().map(HistoricProcessInstance::getBusinessKey)
          .filter(key -> key != null && !key.isBlank()).forEach(children::add);
    }
    return children;
  }

  private static void collect(JsonNode node, Set<String> children, Set<String> processInstances) {
    if (node.isArray()) {
      node.forEach(each -> collect(each, children, processInstances));
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        JsonNode value = field.getValue();
        if (value.isTextual() && !value.asText().isBlank()) {
          switch (field.getKey()) {
            case "businessKey" -> children.add(value.asText());
            case "processInstanceId", "rootProcessInstanceId" -> processInstances.add(value.asText());
            default -> { }
          }
        } else {
          collect(value, children, processInstances);
        }
      });
    }
  }

  private static String userOf(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentication login = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine("default");
    return login == null ? null : login.getName();
  }
}
