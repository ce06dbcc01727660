package uk.localgov.reunification.api;

import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the project's own API are JSON with a message that names what was wrong. */
@RestControllerAdvice
public class ApiErrors {

  @ExceptionHandler(Refused.class)
  public ResponseEntity<Map<String, String>> refused(Refused refusal) {
    return ResponseEntity.status(refusal.status()).body(Map.of("message", refusal.getMessage()));
  }

  /** A case's input refused by the checks the engine's REST API shares (CaseInputRefused): its status and message. */
  @ExceptionHandler(RestException.class)
  public ResponseEntity<Map<String, String>> refusedInput(RestException refusal) {
    int status = refusal.getStatus() == null ? 400 : refusal.getStatus().getStatusCode();
    return ResponseEntity.status(status).body(Map.of("message", refusal.getMessage()));
  }
}
