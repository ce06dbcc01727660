package uk.localgov.reunification.wording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda REST's refusals (/engine-rest and Tasklist's own engine API) as people read them: the
 * JSON error's {@code message} in plain words ({@link PlainRefusal}), with {@code field} (the
 * variable, for integrators) and {@code detail} (the check's own message) beside it. Only a
 * change's answers are looked at, and only when they are errors.
 */
public class PlainRefusalsFilter extends OncePerRequestFilter {

  private final PlainRefusal plain;
  private final ObjectMapper json = new ObjectMapper();

  public PlainRefusalsFilter(PlainRefusal plain) {
    this.plain = plain;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, answer);
      if (answer.getStatus() >= 400 && answer.getContentType() != null
          && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(answer.getContentType()))) {
        reword(answer);
      }
    } finally {
      answer.copyBodyToResponse();
    }
  }

  private void reword(ContentCachingResponseWrapper answer) throws IOException {
    ObjectNode error;
    try {
      if (!(json.readTree(answer.getContentAsByteArray()) instanceof ObjectNode object) || !object.hasNonNull("message")) {
        return;
      }
      error = object;
    } catch (IOException notJson) {
      return;
    }
    String unwrapped = plain.unwrapped(error.get("message").asText());
    String field = plain.field(unwrapped);
    error.put("message", plain.inPlainWords(unwrapped));
    error.put("detail", unwrapped);
    if (field != null) {
      error.put("field", field);
    }
    answer.resetBuffer();
    answer.setCharacterEncoding("UTF-8");
    answer.getOutputStream().write(json.writeValueAsBytes(error));
  }
}
