package uk.localgov.reunification.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import uk.localgov.reunification.ApplicationTest;

/** Access is granted and withdrawn by grants alone; a REVOKE, which the engine would not check, is refused. */
@ApplicationTest
class GrantsOnlyTest {

  @Autowired
  AuthorizationService authorizations;
  @Autowired
  TestRestTemplate http;

  Authorization onProcessInstance(int type, String processInstanceId) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    authorization.setUserId("socialworker2");
    authorization.setResource(Resources.PROCESS_INSTANCE);
    authorization.setResourceId(processInstanceId);
    return authorization;
  }

  @Test
  void aRevokeIsRefusedSayingWhyAndNothingIsSaved() {
    Authorization revoke = onProcessInstance(Authorization.AUTH_TYPE_REVOKE, "*");
    revoke.removePermission(Permissions.READ);

    assertThatThrownBy(() -> authorizations.saveAuthorization(revoke))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("never revokes");
    assertThat(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count())
        .isZero();
  }

  @Test
  void anAdministratorMakingARevokeInAdminIsToldToDeleteTheGrant() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = http.withBasicAuth("admin", "admin").postForEntity("/engine-rest/authorization/create",
        new HttpEntity<>("{\"type\":2,\"permissions\":[\"READ\"],\"userId\":\"socialworker2\",\"resourceType\":8,"
            + "\"resourceId\":\"*\"}", headers), String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody()).contains("Delete the grant instead");
  }

  @Test
  void grantsAreSavedAsEver() {
    Authorization grant = onProcessInstance(Authorization.AUTH_TYPE_GRANT, "grants-only-test");
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
    try {
      assertThat(authorizations.isUserAuthorized("socialworker2", null, Permissions.READ, Resources.PROCESS_INSTANCE,
          "grants-only-test")).isTrue();
    } finally {
      authorizations.deleteAuthorization(grant.getId());
    }
  }
}
