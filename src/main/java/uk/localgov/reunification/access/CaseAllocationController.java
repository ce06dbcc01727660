package uk.localgov.reunification.access;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Refused;

/**
 * {@code GET /api/cases/{childId}/allocation}: who holds the case and who held it before;
 * {@code POST /api/cases/{childId}/reallocation} with {@code {"role": "socialWorker", "userId": "..."}}:
 * move it. The caller is the user authenticated by HTTP basic against Camunda's identity service;
 * a case the caller may not see answers 404, as if it did not exist.
 */
@RestController
@RequestMapping("/api/cases/{childId}")
public class CaseAllocationController {

  public record ReallocationRequest(String role, String userId) {
  }

  private final Reallocation reallocation;
  private final IdentityService identity;

  public CaseAllocationController(Reallocation reallocation, IdentityService identity) {
    this.reallocation = reallocation;
    this.identity = identity;
  }

  @GetMapping("/allocation")
  public Map<String, Object> allocation(@PathVariable String childId, @RequestParam(required = false) String authority) {
    Authentication caller = identity.getCurrentAuthentication();
    return reallocation.allocation(childId, authority, caller.getUserId(), groups(caller));
  }

  @PostMapping("/reallocation")
  public Map<String, Object> reallocate(@PathVariable String childId, @RequestParam(required = false) String authority,
      @RequestBody ReallocationRequest request) {
    Authentication caller = identity.getCurrentAuthentication();
    return reallocation.reallocate(childId, authority, request.role(), request.userId(), caller.getUserId(),
        groups(caller));
  }

  private static List<String> groups(Authentication caller) {
    return caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
  }

}
