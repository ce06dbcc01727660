package uk.localgov.reunification.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * Idempotent changes to Camunda's identity and authorization services: each call makes sure
 * something exists and does nothing when it already does, so start-up can run it every time.
 */
public class IdentityDirectory {

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  public IdentityDirectory(ProcessEngine engine) {
    this.identityService = engine.getIdentityService();
    this.authorizationService = engine.getAuthorizationService();
  }

  public void ensureGroup(String id, String name, String type) {
    // a read-only directory (profile sso) owns its groups: a missing one is the directory's to add
    if (!identityService.isReadOnly() && identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }

  /** Creates the user when absent; an existing user keeps the password it has. */
  public void ensureUser(String id, String firstName, String lastName, String email, String password) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      user.setPassword(password);
      identityService.saveUser(user);
    }
  }

  public void ensureMembership(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  /** Makes the person one of the authority's staff: their tenant decides whose cases they see. */
  public void ensureTenantMembership(String tenantId, String userId) {
    if (identityService.createTenantQuery().tenantId(tenantId).userMember(userId).count() == 0) {
      identityService.createTenantUserMembership(tenantId, userId);
    }
  }

  public boolean hasMembers(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).count() > 0;
  }

  /** Grants a group the permissions on a resource, adding to what it already has. */
  public void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
    grant(groupId, null, resource, resourceId, permissions);
  }

  /** Grants one user the permissions on a resource, adding to what they already have. */
  public void grantUser(String userId, Resource resource, String resourceId, Permission... permissions) {
    grant(null, userId, resource, resourceId, permissions);
  }

  private void grant(String groupId, String userId, Resource resource, String resourceId,
      Permission... permissions) {
    AuthorizationQuery query = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).resourceType(resource).resourceId(resourceId);
    Authorization authorization = (groupId != null ? query.groupIdIn(groupId) : query.userIdIn(userId))
        .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setUserId(userId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }

  /**
   * Takes these permissions on a resource away from a group's grant, if it has them; a grant left
   * with no permission is deleted. For what an earlier version granted and no longer should.
   */
  public void withdrawGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .resourceType(resource).resourceId(resourceId).groupIdIn(groupId).singleResult();
    if (authorization == null) {
      return;
    }
    boolean changed = false;
    for (Permission permission : permissions) {
      if (authorization.isPermissionGranted(permission)) {
        authorization.removePermission(permission);
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
    if (((AuthorizationEntity) authorization).getPermissions() == 0) {
      authorizationService.deleteAuthorization(authorization.getId());
    } else {
      authorizationService.saveAuthorization(authorization);
    }
  }

  /** The administrators' group, with every permission on every built-in resource. */
  public void ensureAdministratorsGroup() {
    ensureGroup(Roles.ADMINISTRATORS, "Administrators", Groups.GROUP_TYPE_SYSTEM);
    Arrays.stream(Resources.values())
        .forEach(resource -> grantGroup(Roles.ADMINISTRATORS, resource, ANY, Permissions.ALL));
  }
}
