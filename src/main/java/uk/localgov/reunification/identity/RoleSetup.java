package uk.localgov.reunification.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The role groups of the contract and what each role may do everywhere, in every environment.
 * No role may read cases as such: tasks become visible through the engine's own grants to a
 * task's assignee and candidate groups, and a child's case to the people allocated to it
 * ({@code uk.localgov.reunification.access.CaseAccess}).
 */
@Component
@Order(0)
public class RoleSetup extends AbstractProcessEnginePlugin {

  /** The returns a social worker starts (contract: processes and decisions). */
  public static final String[] RETURN_PROCESSES = {"plannedReturn", "unplannedReturn"};

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityDirectory directory = new IdentityDirectory(engine);
    directory.ensureAdministratorsGroup();
    directory.ensureGroup(Roles.SOCIAL_WORKERS, "Social workers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.LINE_MANAGERS, "Line managers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.SERVICE_MANAGERS, "Service managers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.IROS, "Independent Reviewing Officers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.HEAD_OF_SERVICE, "Head of Service", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.CIN_COORDINATORS, "Child in Need co-ordinators", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.CASE_SYSTEMS, "Case-record systems", Groups.GROUP_TYPE_SYSTEM);

    for (String role : Roles.CASEWORK) {
      directory.grantGroup(role, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Colleagues' names and groups, so Tasklist shows "Sam Okafor" rather than a user id.
      directory.grantGroup(role, Resources.USER, ANY, Permissions.READ);
      directory.grantGroup(role, Resources.GROUP, ANY, Permissions.READ);
    }
    for (String role : Roles.CASEWORK) {
      // The models themselves, not the cases: which processes exist and what they look like.
      directory.grantGroup(role, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    }
    for (String role : Roles.MANAGEMENT) {
      // Managers see in Cockpit the cases shared with them (uk.localgov.reunification.access.CaseAccess).
      directory.grantGroup(role, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }

    directory.grantGroup(Roles.SOCIAL_WORKERS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    // The case-record system starts returns and sends the events of a case (contract: messages);
    // correlating a message needs UPDATE on the case, so it may update cases of the returns.
    directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    // An event that ends a case also ends its called processes (ratification, support), hence ANY.
    directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
        ProcessDefinitionPermissions.DELETE_INSTANCE);
    for (String process : RETURN_PROCESSES) {
      directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_DEFINITION, process,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
    for (String process : RETURN_PROCESSES) {
      directory.grantGroup(Roles.SOCIAL_WORKERS, Resources.PROCESS_DEFINITION, process,
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
  }
}
