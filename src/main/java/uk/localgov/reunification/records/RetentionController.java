package uk.localgov.reunification.records;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Administrators;

/**
 * {@code POST /api/retention/redating} ({@code ?childId=} for one child): gives every finished case's
 * history the child's 75th birthday as its removal time (reg 50), for histories written before the
 * rule. Administrators only.
 */
@RestController
public class RetentionController {

  private final RecordRedating redating;
  private final IdentityService identity;

  public RetentionController(RecordRedating redating, IdentityService identity) {
    this.redating = redating;
    this.identity = identity;
  }

  @PostMapping("/api/retention/redating")
  public RecordRedating.Redating redate(@RequestParam(required = false) String childId) {
    Administrators.require(identity, "re-date the records");
    return redating.redate(childId == null || childId.isBlank() ? null : childId);
  }

}
