package uk.localgov.reunification.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.localgov.reunification.ApplicationTest;
import uk.localgov.reunification.engine.CallersReads;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.oversight.OversightFigures;
import uk.localgov.reunification.oversight.TeamHistory;

/**
 * A read of every case a person may see (the oversight figures) reads the instances granted to
 * them by their ids rather than have the engine check the whole history: for each of the people of
 * a year's cases, and for people of other teams and roles, those are exactly what the engine's own
 * check of the whole history lets them read.
 */
@ApplicationTest
class GrantedInstancesTest {

  static final String[] CASE_PROCESSES = OversightFigures.caseProcesses();

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentityService identity;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  GrantedInstances granted;
  @Autowired
  CallersReads asCaller;
  @Autowired
  UnrestrictedLookups lookups;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void eachPersonsGrantsNameExactlyWhatTheEngineLetsThemRead() {
    TeamHistory history = new TeamHistory(engine, "granted").build();
    try {
      for (String person : List.of(history.worker, history.manager, "iro1", "headofservice1", "director1",
          "cincoordinator1", "servicemanager1", "socialworker3", "linemanager2")) {
        signIn(person);
        Set<String> engineLetsRead = asCaller.read(() -> ids(engine.getHistoryService()
            .createHistoricProcessInstanceQuery().processDefinitionKeyIn(CASE_PROCESSES).list()));
        Set<String> grants = granted.ofCaller(CASE_PROCESSES).orElseThrow();
        Set<String> readByTheirIds = lookups.read(() -> grants.isEmpty() ? Set.of() : ids(engine.getHistoryService()
            .createHistoricProcessInstanceQuery().processInstanceIds(grants).processDefinitionKeyIn(CASE_PROCESSES)
            .list()));

        assertThat(readByTheirIds).as(person).isEqualTo(engineLetsRead);
      }
      signIn(history.manager);
      assertThat(granted.ofCaller(CASE_PROCESSES).orElseThrow()).as("the manager's year of cases")
          .hasSizeGreaterThanOrEqualTo(10);
    } finally {
      identity.clearAuthentication();
      history.close();
    }
  }

  @Test
  void whoMayReadMoreThanSingleInstancesIsLeftToTheEngine() {
    identity.setAuthentication("someadministrator", List.of("camunda-admin"));
    assertThat(granted.ofCaller(CASE_PROCESSES)).as("an administrator").isEmpty();

    identity.clearAuthentication();
    assertThat(granted.ofCaller(CASE_PROCESSES)).as("nobody signed in: the engine checks nothing").isEmpty();

    Authorization everyInstance = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    everyInstance.setGroupId("auditorsgranted");
    everyInstance.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
    everyInstance.setResourceId(Authorization.ANY);
    everyInstance.addPermission(HistoricProcessInstancePermissions.READ);
    authorizations.saveAuthorization(everyInstance);
    try {
      identity.setAuthentication("someauditor", List.of("auditorsgranted"));
      assertThat(granted.ofCaller(CASE_PROCESSES)).as("a grant on every historic instance").isEmpty();
    } finally {
      identity.clearAuthentication();
      authorizations.deleteAuthorization(everyInstance.getId());
    }
  }

  void signIn(String person) {
    identity.clearAuthentication();
    identity.setAuthentication(person, identity.createGroupQuery().groupMember(person).list().stream()
        .map(Group::getId).toList());
  }

  static Set<String> ids(List<HistoricProcessInstance> instances) {
    return instances.stream().map(HistoricProcessInstance::getId).collect(Collectors.toCollection(HashSet::new));
  }
}
