package uk.localgov.reunification.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.DELETE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.UPDATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;

/**
 * The case-record system holds what it needs and no more: it starts returns, reads cases and may
 * update the returns' cases, which its messages need; it may delete none, and a database set up
 * by an earlier version, which let it update and delete every case, loses that at the next start.
 */
@ApplicationTest
class CaseSystemsGrantsTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  AuthorizationService authorizations;

  boolean caseRecordsMay(Permission permission, String process) {
    return authorizations.isUserAuthorized("caserecords", List.of(Roles.CASE_SYSTEMS), permission, PROCESS_DEFINITION,
        process);
  }

  @Test
  void theCaseRecordSystemMayUpdateOnlyTheReturnsAndDeleteNoCaseEvenWhereAnEarlierVersionGrantedIt() {
    new IdentityDirectory(engine).grantGroup(Roles.CASE_SYSTEMS, PROCESS_DEFINITION, ANY, UPDATE_INSTANCE,
        DELETE_INSTANCE);

    new RoleSetup().postProcessEngineBuild(engine);

    for (String returnProcess : RoleSetup.RETURN_PROCESSES) {
      assertThat(caseRecordsMay(CREATE_INSTANCE, returnProcess)).as(returnProcess).isTrue();
      assertThat(caseRecordsMay(UPDATE_INSTANCE, returnProcess)).as(returnProcess).isTrue();
      assertThat(caseRecordsMay(DELETE_INSTANCE, returnProcess)).as(returnProcess).isFalse();
    }
    for (String calledProcess : List.of("ratification", "ongoingSupport", "welfareConcern", "overdueChase")) {
      assertThat(caseRecordsMay(READ_INSTANCE, calledProcess)).as(calledProcess).isTrue();
      assertThat(caseRecordsMay(UPDATE_INSTANCE, calledProcess)).as(calledProcess).isFalse();
      assertThat(caseRecordsMay(DELETE_INSTANCE, calledProcess)).as(calledProcess).isFalse();
    }
  }
}
