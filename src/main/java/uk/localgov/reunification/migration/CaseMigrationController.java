package uk.localgov.reunification.migration;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Administrators;
import uk.localgov.reunification.api.Refused;

/**
 * {@code POST /api/migrations} with {@code {"processDefinitionKey": "ongoingSupport", "fromVersion": 1,
 * "toVersion": 2}}: moves the running cases of one version to another. Administrators only.
 */
@RestController
public class CaseMigrationController {

  public record MigrationRequest(String processDefinitionKey, Integer fromVersion, Integer toVersion) {
  }

  private final CaseMigration migration;
  private final IdentityService identity;

  public CaseMigrationController(CaseMigration migration, IdentityService identity) {
    this.migration = migration;
    this.identity = identity;
  }

  @PostMapping("/api/migrations")
  public Map<String, Object> migrate(@RequestBody MigrationRequest request) {
    Administrators.require(identity, "migrate cases between versions");
    if (request.processDefinitionKey() == null || request.fromVersion() == null || request.toVersion() == null) {
      throw new Refused(400, "'processDefinitionKey', 'fromVersion' and 'toVersion' are required");
    }
    return migration.migrate(request.processDefinitionKey(), request.fromVersion(), request.toVersion());
  }

}
