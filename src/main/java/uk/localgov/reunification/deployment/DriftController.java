package uk.localgov.reunification.deployment;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Administrators;
import uk.localgov.reunification.engine.UnrestrictedLookups;

/** {@code GET /api/deployment/drift}: what the engine runs that the repository does not say. Administrators only. */
@RestController
public class DriftController {

  private final RepositoryDrift drift;
  private final IdentityService identity;
  private final UnrestrictedLookups lookups;

  public DriftController(RepositoryDrift drift, IdentityService identity, UnrestrictedLookups lookups) {
    this.drift = drift;
    this.identity = identity;
    this.lookups = lookups;
  }

  @GetMapping("/api/deployment/drift")
  public List<RepositoryDrift.Difference> drift() {
    Administrators.require(identity, "see how the deployed models differ from the repository");
    // every model at once, in one command (as the query limit allows); the caller is an administrator
    return lookups.read(drift::differences);
  }
}
