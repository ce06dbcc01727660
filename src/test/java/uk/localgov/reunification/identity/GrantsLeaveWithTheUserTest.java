package uk.localgov.reunification.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.access.CaseAccess;
import uk.localgov.reunification.casework.Cases;

/**
 * A leaver's access does not pass to whoever is next given their user id: deleting a user, by
 * Java, REST or Admin, deletes the grants made to that id (the cases shared with them, their
 * filters), not only the memberships Camunda deletes itself.
 */
@ApplicationTest
class GrantsLeaveWithTheUserTest {

  static final String PASSWORD = "Leaver-Passw0rd!";

  @Autowired
  TestRestTemplate http;
  @Autowired
  IdentityService identity;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  RuntimeService runtime;
  @Autowired
  FilterService filters;
  @Autowired
  CaseAccess access;

  @AfterEach
  void removeUsers() {
    for (String id : new String[] {"leaver1", "leaver2"}) {
      if (identity.createUserQuery().userId(id).count() > 0) {
        identity.deleteUser(id);
      }
    }
  }

  @Test
  void aUserDeletedOverRestTakesTheirGrantsWithThem() {
    ProcessInstance instance = aCaseSharedWith("leaver1", "LEAVER-REST");
    Filter filter = aFilterOf("leaver1");
    assertThat(get("leaver1", "/engine-rest/process-instance?businessKey=LEAVER-REST").getBody())
        .as("before: the leaver reads the case").contains(instance.getId());
    assertThat(get("leaver1", "/engine-rest/filter/" + filter.getId()).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> deleted = http.withBasicAuth("admin", "admin")
        .exchange("/engine-rest/user/leaver1", HttpMethod.DELETE, null, String.class);
    assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(authorizations.createAuthorizationQuery().userIdIn("leaver1").count()).isZero();

    newUser("leaver1");
    assertThat(get("leaver1", "/engine-rest/process-instance?businessKey=LEAVER-REST").getBody()).isEqualTo("[]");
    assertThat(get("leaver1", "/engine-rest/history/process-instance?processInstanceBusinessKey=LEAVER-REST")
        .getBody()).isEqualTo("[]");
    assertThat(get("leaver1", "/engine-rest/task?processInstanceBusinessKey=LEAVER-REST").getBody()).isEqualTo("[]");
    assertThat(get("leaver1", "/engine-rest/filter/" + filter.getId()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("leaver1", "/engine-rest/filter").getBody()).doesNotContain(filter.getId());
    assertThat(authorizations.createAuthorizationQuery().userIdIn("leaver1").list())
        .as("only what Camunda grants any new user on their own profile")
        .allSatisfy(grant -> assertThat(grant.getResourceType()).isEqualTo(Resources.USER.resourceType()));
    filters.deleteFilter(filter.getId());
  }

  @Test
  void aUserDeletedInJavaTakesTheirGrantsWithThem() {
    aCaseSharedWith("leaver2", "LEAVER-JAVA");
    long othersGrants = authorizations.createAuthorizationQuery().userIdIn("socialworker3").count();

    identity.deleteUser("leaver2");

    assertThat(authorizations.createAuthorizationQuery().userIdIn("leaver2").count()).isZero();
    assertThat(authorizations.createAuthorizationQuery().userIdIn("socialworker3").count())
        .as("nobody else's grants").isEqualTo(othersGrants);
    newUser("leaver2");
    assertThat(get("leaver2", "/engine-rest/history/variable-instance?processInstanceIdIn="
        + runtime.createProcessInstanceQuery().processInstanceBusinessKey("LEAVER-JAVA").processDefinitionKey("plannedReturn").singleResult().getId())
        .getBody()).isEqualTo("[]");
  }

  /** A case of socialworker3's, shared with the user as the application shares a case with its people. */
  private ProcessInstance aCaseSharedWith(String userId, String childId) {
    newUser(userId);
    ProcessInstance instance = runtime.startProcessInstanceByKey("plannedReturn",
        Cases.with(Cases.careOrderChild(childId), "socialWorker", "socialworker3"));
    access.shareAll(childId, Set.of(userId));
    return instance;
  }

  private Filter aFilterOf(String userId) {
    Filter filter = filters.newTaskFilter("Leaver's own filter").setOwner(userId)
        .setQuery(filters.newTaskFilter().getQuery()).setProperties(Map.of());
    // Camunda grants a filter's owner ALL on it
    return filters.saveFilter(filter);
  }

  private void newUser(String userId) {
    User user = identity.newUser(userId);
    user.setFirstName("New");
    user.setLastName("Starter");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(userId, Roles.SOCIAL_WORKERS);
  }

  /** A page of a list (the query results limit refuses an unbounded one), or the resource itself. */
  private ResponseEntity<String> get(String user, String path) {
    boolean list = !path.matches(".*/filter/[^/?]+$");
    String paged = list ? path + (path.contains("?") ? "&" : "?") + "maxResults=100" : path;
    return http.withBasicAuth(user, PASSWORD).getForEntity(paged, String.class);
  }
}
