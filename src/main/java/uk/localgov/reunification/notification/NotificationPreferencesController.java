package uk.localgov.reunification.notification;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/**
 * {@code GET/PUT /api/me/notifications} with {@code {"nonUrgentEmail": false}}: the caller turns off
 * (or on) the emails about newly assigned work and the daily digest; escalations always go.
 */
@RestController
public class NotificationPreferencesController {

  public record Preferences(Boolean nonUrgentEmail) {
  }

  private final IdentityService identity;
  private final UnrestrictedLookups lookups;

  public NotificationPreferencesController(IdentityService identity, UnrestrictedLookups lookups) {
    this.identity = identity;
    this.lookups = lookups;
  }

  @GetMapping("/api/me/notifications")
  public Map<String, Object> preferences() {
    String user = identity.getCurrentAuthentication().getUserId();
    return Map.of("nonUrgentEmail", !"false".equals(lookups.read(() -> identity.getUserInfo(user, WorkNotices.OPT_OUT))),
        "escalations", "always sent");
  }

  @PutMapping("/api/me/notifications")
  public Map<String, Object> change(@RequestBody Preferences preferences) {
    String user = identity.getCurrentAuthentication().getUserId();
    boolean on = preferences.nonUrgentEmail() == null || preferences.nonUrgentEmail();
    lookups.read(() -> {
      identity.setUserInfo(user, WorkNotices.OPT_OUT, Boolean.toString(on));
      return null;
    });
    return preferences();
  }
}
