package uk.localgov.reunification.sso;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TenantEntity;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderSession;
import uk.localgov.reunification.authority.AuthoritiesProperties.Authority;

/**
 * With sign-in from the directory, which authority a person works for: Camunda's LDAP identity
 * provider knows no tenants, so a person is of an authority when they are in the directory group
 * whose id is the authority's ({@code cn=southvale,ou=groups,...}), and the authorities are the
 * configured ones ({@code reunification.authorities}). A person in no such group belongs to no
 * authority and, where several share the platform, finds no case.
 */
class DirectoryAuthorities extends TenantQueryImpl {

  private static final long serialVersionUID = 1L;

  private final transient List<Authority> authorities;
  private final transient LdapIdentityProviderSession directory;

  DirectoryAuthorities(List<Authority> authorities, LdapIdentityProviderSession directory, CommandExecutor executor) {
    super(executor);
    this.authorities = authorities;
    this.directory = directory;
  }

  @Override
  public long executeCount(CommandContext context) {
    return found(context).count();
  }

  @Override
  public List<Tenant> executeList(CommandContext context, Page page) {
    Stream<Tenant> tenants = found(context);
    if (page != null) {
      tenants = tenants.skip(page.getFirstResult()).limit(page.getMaxResults());
    }
    return tenants.toList();
  }

  private Stream<Tenant> found(CommandContext context) {
    Set<String> groupsOfUser = userId == null ? null : ((GroupQueryImpl) directory.createGroupQuery(context)
        .groupMember(userId)).executeList(context, null).stream().map(Group::getId).collect(Collectors.toSet());
    return authorities.stream()
        .filter(authority -> id == null || id.equals(authority.id()))
        .filter(authority -> ids == null || List.of(ids).contains(authority.id()))
        .filter(authority -> name == null || name.equals(authority.name()))
        .filter(authority -> nameLike == null || authority.name().toLowerCase(Locale.ROOT)
            .matches(nameLike.toLowerCase(Locale.ROOT).replace("%", ".*")))
        .filter(authority -> groupId == null || groupId.equals(authority.id()))
        .filter(authority -> groupsOfUser == null || groupsOfUser.contains(authority.id()))
        .map(authority -> {
          TenantEntity tenant = new TenantEntity(authority.id());
          tenant.setName(authority.name());
          return (Tenant) tenant;
        });
  }
}
