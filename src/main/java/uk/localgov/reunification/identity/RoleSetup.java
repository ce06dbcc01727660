package uk.localgov.reunification.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import uk.localgov.reunification.engine.OrderedPlugin;
import org.springframework.stereotype.Component;

/**
 * The role groups of the contract and what each role may do everywhere, in every environment.
 * No role may read cases as such: tasks become visible through the engine's own grants to a
 * task's assignee and candidate groups, and a child's case to the people allocated to it
 * ({@code uk.localgov.reunification.access.CaseAccess}).
 */
@Component
public class RoleSetup extends OrderedPlugin {

  /** The returns a social worker starts (contract: processes and decisions). */
  public static final String[] RETURN_PROCESSES = {"plannedReturn", "unplannedReturn"};
  /** The report of a case event, started by the people who work the case (contract: case events). */
  public static final String REPORT_CASE_EVENT = "reportCaseEvent";
  /** The year after a case closes with the child at home. */
  public static final String FOLLOW_UP = "caseFollowUp";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityDirectory directory = new IdentityDirectory(engine);
    directory.ensureAdministratorsGroup();
    directory.ensureGroup(Roles.SOCIAL_WORKERS, "Social workers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.LINE_MANAGERS, "Line managers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.SERVICE_MANAGERS, "Service managers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.IROS, "Independent Reviewing Officers", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.HEAD_OF_SERVICE, "Head of Service", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.DIRECTORS, "Director of Children's Services", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.CIN_COORDINATORS, "Child in Need co-ordinators", Groups.GROUP_TYPE_WORKFLOW);
    directory.ensureGroup(Roles.CASE_SYSTEMS, "Case-record systems", Groups.GROUP_TYPE_SYSTEM);
    directory.ensureGroup(Roles.REGIONAL_MANAGERS, "Regional managers", Groups.GROUP_TYPE_WORKFLOW);

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
    // The case-record system starts returns, reads cases and sends the events of a case
    // (contract: messages). Correlating a message needs UPDATE on the case it reaches, a return or
    // a closed case's follow-up (the events' subprocesses are there; what they end, the engine ends
    // itself), so it may update those; anything else UPDATE would allow is refused to it
    // (uk.localgov.reunification.access.AdministratorsOnly). Deleting a case it may not.
    directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE);
    // what earlier versions granted on every process, taken back from databases that have it
    directory.withdrawGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.DELETE_INSTANCE);
    for (String process : RETURN_PROCESSES) {
      directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_DEFINITION, process,
          ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE);
    }
    // the events of a case begun since the life at home was drawn once reach its childAtHome; a case
    // begun before finishes on its own version, whose return holds them
    directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_DEFINITION, uk.localgov.reunification.casework.CaseAtHome.PROCESS,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    // ChildReturnedToCare and WelfareConcernRaised also reach a closed case's year of follow-up
    // (contract: follow-up after closure; CaseFollowUps.EVENTS)
    directory.grantGroup(Roles.CASE_SYSTEMS, Resources.PROCESS_DEFINITION, FOLLOW_UP,
        ProcessDefinitionPermissions.UPDATE_INSTANCE);
    // Contract (case events): the people who work a case report its events from Tasklist.
    for (String role : List.of(Roles.SOCIAL_WORKERS, Roles.LINE_MANAGERS, Roles.IROS, Roles.CIN_COORDINATORS)) {
      directory.grantGroup(role, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
      directory.grantGroup(role, Resources.PROCESS_DEFINITION, REPORT_CASE_EVENT,
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
    for (String process : RETURN_PROCESSES) {
      directory.grantGroup(Roles.SOCIAL_WORKERS, Resources.PROCESS_DEFINITION, process,
          ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
  }
}
