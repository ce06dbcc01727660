package uk.localgov.reunification.access;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;
import uk.localgov.reunification.casework.CaseRecord;
import uk.localgov.reunification.casework.ReturnStartCheck;
import uk.localgov.reunification.engine.UnrestrictedLookups;
import uk.localgov.reunification.identity.StaffDirectory;

/**
 * Who may see a child's case, granted on Camunda's authorization service: the allocated social
 * worker, the line manager of the worker's team, the IRO and, once allocated, the Child in Need
 * co-ordinator. Each of them may read every process instance and task that carries the child's
 * case reference, at runtime and in history; nobody else may, unless their role gives it (the
 * Head of Service a ratification task, service managers an escalated concern, administrators all).
 */
@Component
public class CaseAccess {

  static final List<Resource> INSTANCE_RESOURCES = List.of(Resources.PROCESS_INSTANCE, Resources.HISTORIC_PROCESS_INSTANCE);
  static final List<Resource> TASK_RESOURCES = List.of(Resources.TASK, Resources.HISTORIC_TASK);

  private final AuthorizationService authorizations;
  private final HistoryService history;
  private final TaskService tasks;
  private final StaffDirectory staff;
  private final UnrestrictedLookups lookups;

  public CaseAccess(AuthorizationService authorizations, HistoryService history, TaskService tasks,
      StaffDirectory staff, UnrestrictedLookups lookups) {
    this.authorizations = authorizations;
    this.history = history;
    this.tasks = tasks;
    this.staff = staff;
    this.lookups = lookups;
  }

  /** The people allocated to the case whose variables these are, with the social worker's line manager. */
  public Set<String> people(VariableScope variables) {
    return people(CaseRecord.of(variables));
  }

  /** The people allocated to the case, with the social worker's line manager. */
  public Set<String> people(CaseRecord record) {
    Set<String> people = new LinkedHashSet<>(record.allocated());
    if (record.socialWorker() != null) {
      try {
        people.add(staff.lineManagerOf(record.socialWorker(), record.team()));
      } catch (ProcessEngineException noLineManager) {
        // a team without a line manager: the chase of overdue work reports it; nobody to grant here
      }
    }
    return people;
  }

  /**
   * Lets these people read a task as it appears, and its process instance. Whoever among them is
   * new to the case (a Child in Need co-ordinator just allocated) is given the rest of the case too.
   * Only grants that are missing are written, so two nodes working on one case at once do not
   * write the same grant. The task is new in this transaction, so its grants are written without
   * asking the database, and so are the process instance's when it starts in this transaction;
   * otherwise one query says who already reads the process instance, and one who reads the case's
   * root. A task's history needs no grant of its own: with historic instance permissions on, READ
   * on the historic process instance reads its tasks' history too.
   *
   * @param rootInstanceId the return process at the root of the case, when the task's own process
   *     was called from it; {@code null} to find it by the case reference (a welfare concern)
   */
  public void share(String childId, String processInstanceId, String rootInstanceId, String taskId,
      String taskAssignee, Set<String> people) {
    if (people.isEmpty()) {
      return;
    }
    lookups.read(() -> {
      boolean newInstance = isNew(processInstanceId);
      Set<String> readers = newInstance ? Set.of() : readersOf(processInstanceId);
      for (String user : people) {
        if (newInstance) {
          INSTANCE_RESOURCES.forEach(resource -> grantNew(user, resource, processInstanceId));
        } else if (!readers.contains(user)) {
          INSTANCE_RESOURCES.forEach(resource -> grant(user, null, resource, processInstanceId));
        }
        if (taskId != null && !user.equals(taskAssignee)) {
          // the engine itself grants the task to its assignee
          grantNew(user, Resources.TASK, taskId);
        }
      }
      String root = rootInstanceId != null ? rootInstanceId : rootOf(childId);
      if (root != null && !root.equals(processInstanceId)) {
        Set<String> newcomers = new LinkedHashSet<>(people);
        newcomers.removeAll(readersOf(root));
        if (!newcomers.isEmpty()) {
          shareAll(childId, newcomers);
        }
      }
      return null;
    });
  }

  /** Lets these people read every process instance, running or ended, of the child's case, and its open tasks. */
  public void shareAll(String childId, Set<String> people) {
    CaseResources resources = resourcesOf(childId);
    for (String user : people) {
      resources.instances().forEach(id -> INSTANCE_RESOURCES.forEach(resource -> grantRead(user, resource, id)));
      resources.openTasks().forEach(id -> grantRead(user, Resources.TASK, id));
    }
  }

  /** The child's return process, if it is already in the database. */
  private String rootOf(String childId) {
    return lookups.read(() -> history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId)
        .processDefinitionKeyIn(ReturnStartCheck.RETURN_PROCESSES.toArray(String[]::new)).orderByProcessInstanceStartTime().desc().list()
        .stream().map(instance -> instance.getId()).findFirst().orElse(null));
  }

  /** Whether the process instance starts in this transaction, so that no grant in the database can name it. */
  private static boolean isNew(String processInstanceId) {
    DbEntityManager entities = Context.getCommandContext().getDbEntityManager();
    ExecutionEntity instance = entities.getCachedEntity(ExecutionEntity.class, processInstanceId);
    return instance != null && entities.getDbEntityCache().isTransient(instance);
  }

  /** The people who may already read this process instance, granted before or earlier in this transaction. */
  private Set<String> readersOf(String processInstanceId) {
    Set<String> readers = new HashSet<>();
    authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .resourceType(Resources.PROCESS_INSTANCE).resourceId(processInstanceId).list().stream()
        .filter(grant -> grant.getUserId() != null && grant.isPermissionGranted(Permissions.READ))
        .forEach(grant -> readers.add(grant.getUserId()));
    pendingGrants().stream()
        .filter(grant -> grant.getResourceType() == Resources.PROCESS_INSTANCE.resourceType()
            && processInstanceId.equals(grant.getResourceId()) && grant.getUserId() != null)
        .forEach(grant -> readers.add(grant.getUserId()));
    return readers;
  }

  /**
   * Lets a role group that a task is offered to (the Head of Service a ratification, service
   * managers an escalated concern) read the process instance the task belongs to, in Cockpit too.
   */
  public void shareInstanceWithGroup(String group, String processInstanceId) {
    INSTANCE_RESOURCES.forEach(resource -> grant(null, group, resource, processInstanceId));
  }

  /** Lets one person read a process instance of the case, running and in history. */
  public void shareInstanceWithUser(String user, String processInstanceId) {
    INSTANCE_RESOURCES.forEach(resource -> grant(user, null, resource, processInstanceId));
  }

  /**
   * Takes away a role group's read of a process instance once no other open task of it is offered
   * to the group: the group was given it for the task's sake alone.
   */
  public void withdrawGroupOffer(Set<String> groups, String processInstanceId, String endingTaskId) {
    lookups.read(() -> {
      for (String group : groups) {
        boolean stillOffered = tasks.createTaskQuery().processInstanceId(processInstanceId).taskCandidateGroup(group).includeAssignedTasks()
            .list().stream().anyMatch(open -> !open.getId().equals(endingTaskId));
        if (!stillOffered) {
          INSTANCE_RESOURCES.forEach(resource -> authorizations.createAuthorizationQuery().groupIdIn(group)
              .resourceType(resource).resourceId(processInstanceId).list()
              .forEach(grant -> authorizations.deleteAuthorization(grant.getId())));
        }
      }
      return null;
    });
  }

  /** Takes away everything one person was granted on the child's case. */
  public void withdraw(String childId, String user) {
    lookups.read(() -> {
      Set<String> instances = instancesOf(childId);
      instances.forEach(id -> INSTANCE_RESOURCES.forEach(resource -> revoke(user, resource, id)));
      // every task the case ever had; HISTORIC_TASK: grants written by earlier versions of this class
      instances.forEach(instance -> history.createHistoricTaskInstanceQuery().processInstanceId(instance).list()
          .forEach(task -> TASK_RESOURCES.forEach(resource -> revoke(user, resource, task.getId()))));
      return null;
    });
  }

  record CaseResources(Set<String> instances, Set<String> openTasks) {
  }

  /** Every process instance, running or ended, that carries the child's case reference, and its open tasks. */
  CaseResources resourcesOf(String childId) {
    return lookups.read(() -> {
      Set<String> instances = instancesOf(childId);
      Set<String> openTasks = new LinkedHashSet<>();
      if (!instances.isEmpty()) {
        tasks.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).list()
            .forEach(task -> openTasks.add(task.getId()));
      }
      return new CaseResources(instances, openTasks);
    });
  }

  /**
   * By the case reference on the process instances themselves, and their tasks by instance: a task
   * query by the case reference, which joins the tasks to the instances, was the costliest
   * statement the application sent in a case (docs/benchmark.md).
   */
  private Set<String> instancesOf(String childId) {
    Set<String> instances = new LinkedHashSet<>();
    history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(childId).list()
        .forEach(instance -> instances.add(instance.getId()));
    return instances;
  }

  /** READ means the same on each resource, but Camunda names it per resource type. */
  static Permission read(Resource resource) {
    if (resource == Resources.HISTORIC_TASK) {
      return HistoricTaskPermissions.READ;
    }
    if (resource == Resources.HISTORIC_PROCESS_INSTANCE) {
      return HistoricProcessInstancePermissions.READ;
    }
    return Permissions.READ;
  }

  private void grantRead(String user, Resource resource, String resourceId) {
    grant(user, null, resource, resourceId);
  }

  private void grant(String user, String group, Resource resource, String resourceId) {
    lookups.read(() -> {
      Authorization existing = pendingGrant(user, group, resource, resourceId);
      if (existing == null) {
        var query = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
            .resourceType(resource).resourceId(resourceId);
        existing = (user != null ? query.userIdIn(user) : query.groupIdIn(group)).singleResult();
      }
      saveRead(existing, user, group, resource, resourceId);
      return null;
    });
  }

  /**
   * Grants READ on a resource made in this transaction, which no grant in the database can name
   * yet: only the grants made earlier in the transaction (a candidate's, say) are looked at.
   */
  private void grantNew(String user, Resource resource, String resourceId) {
    saveRead(pendingGrant(user, null, resource, resourceId), user, null, resource, resourceId);
  }

  /** Writes a READ grant, or adds READ to the grant that exists, where it lacks it. */
  private void saveRead(Authorization existing, String user, String group, Resource resource, String resourceId) {
    if (existing == null) {
      Authorization grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      grant.setUserId(user);
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
      grant.addPermission(read(resource));
      authorizations.saveAuthorization(grant);
    } else if (!existing.isPermissionGranted(read(resource))) {
      existing.addPermission(read(resource));
      authorizations.saveAuthorization(existing);
    }
  }

  /** The grants made earlier in this same transaction, which no query can see yet. */
  private static List<AuthorizationEntity> pendingGrants() {
    CommandContext context = Context.getCommandContext();
    return context == null ? List.of() : context.getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class);
  }

  /** A grant made earlier in this same transaction, which no query can see yet. */
  private static Authorization pendingGrant(String user, String group, Resource resource, String resourceId) {
    return pendingGrants().stream()
        .filter(grant -> grant.getAuthorizationType() == AUTH_TYPE_GRANT
            && java.util.Objects.equals(user, grant.getUserId()) && java.util.Objects.equals(group, grant.getGroupId())
            && grant.getResourceType() == resource.resourceType() && resourceId.equals(grant.getResourceId()))
        .findFirst().orElse(null);
  }

  private void revoke(String user, Resource resource, String resourceId) {
    authorizations.createAuthorizationQuery().userIdIn(user).resourceType(resource).resourceId(resourceId).list()
        .forEach(authorization -> authorizations.deleteAuthorization(authorization.getId()));
  }
}
