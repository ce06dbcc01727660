package uk.localgov.reunification.api;

import java.util.Map;
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
}
