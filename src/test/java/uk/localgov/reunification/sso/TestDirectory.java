package uk.localgov.reunification.sso;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A council directory in memory (UnboundID's LDAP server, over a real LDAP port): people under
 * {@code ou=people}, the application's groups under {@code ou=groups}, teams marked by
 * {@code businessCategory: team}. The people and groups of the sso tests.
 */
public final class TestDirectory {

  static final String BASE = "dc=council,dc=test";
  static final String MANAGER = "cn=reunification,ou=services," + BASE;
  static final String MANAGER_PASSWORD = "directory-reader";

  /** Person to the groups they are in. */
  static final Map<String, List<String>> PEOPLE = new LinkedHashMap<>();

  static {
    PEOPLE.put("sam.north", List.of("socialworkers", "teamnorth"));
    PEOPLE.put("pat.north", List.of("socialworkers", "teamnorth"));
    PEOPLE.put("ray.north", List.of("socialworkers", "teamnorth"));
    PEOPLE.put("lee.north", List.of("linemanagers", "teamnorth"));
    PEOPLE.put("kim.south", List.of("socialworkers", "teamsouth"));
    PEOPLE.put("max.south", List.of("linemanagers", "teamsouth"));
    PEOPLE.put("ira.reviewer", List.of("iros"));
    PEOPLE.put("ada.admin", List.of("camunda-admin"));
    PEOPLE.put("vic.visitor", List.of("socialworkers", "teamnorth"));
    // of the authority northshire: in the directory group of its id (sso/DirectoryAuthorities)
    PEOPLE.put("nia.north", List.of("socialworkers", "teamnorth", "northshire"));
  }

  private static InMemoryDirectoryServer server;

  private TestDirectory() {
  }

  /** Starts the directory once for the test JVM and answers its URL. */
  static synchronized String url() {
    if (server == null) {
      try {
        server = start();
      } catch (LDAPException | LDIFException e) {
        throw new IllegalStateException(e);
      }
    }
    return "ldap://localhost:" + server.getListenPort();
  }

  private static InMemoryDirectoryServer start() throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
    directory.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: council");
    for (String unit : List.of("people", "groups", "services")) {
      directory.add("dn: ou=" + unit + "," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: " + unit);
    }
    directory.add("dn: " + MANAGER, "objectClass: top", "objectClass: person", "cn: reunification", "sn: reader",
        "userPassword: " + MANAGER_PASSWORD);
    PEOPLE.keySet().forEach(id -> addPerson(directory, id));
    Map<String, List<String>> members = new LinkedHashMap<>();
    PEOPLE.forEach((id, groups) -> groups.forEach(group -> members.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(id)));
    for (Map.Entry<String, List<String>> group : members.entrySet()) {
      List<String> lines = new java.util.ArrayList<>(List.of("dn: " + groupDn(group.getKey()), "objectClass: top",
          "objectClass: groupOfNames", "cn: " + group.getKey(), "description: " + group.getKey()));
      if (group.getKey().startsWith("team")) {
        lines.add("businessCategory: team");
      }
      group.getValue().forEach(id -> lines.add("member: " + personDn(id)));
      directory.add(lines.toArray(String[]::new));
    }
    directory.startListening();
    return directory;
  }

  private static void addPerson(InMemoryDirectoryServer directory, String id) {
    String[] names = id.split("\\.");
    try {
      directory.add("dn: " + personDn(id), "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
          "objectClass: inetOrgPerson", "uid: " + id, "cn: " + id, "givenName: " + capital(names[0]),
          "sn: " + capital(names[1]), "mail: " + id + "@council.test", "userPassword: " + id);
    } catch (LDAPException | LDIFException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String capital(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  static String personDn(String id) {
    return "uid=" + id + ",ou=people," + BASE;
  }

  static String groupDn(String group) {
    return "cn=" + group + ",ou=groups," + BASE;
  }

  /** As HR does it when someone moves: out of one group, into another. */
  static void move(String id, String fromGroup, String toGroup) {
    modify(fromGroup, ModificationType.DELETE, id);
    modify(toGroup, ModificationType.ADD, id);
  }

  /** A leaver: their entry and their memberships go. */
  static void remove(String id) {
    try {
      for (String group : PEOPLE.get(id)) {
        modify(group, ModificationType.DELETE, id);
      }
      server.delete(personDn(id));
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean isIn(String id, String group) {
    try {
      return server.getEntry(groupDn(group)).hasAttributeValue("member", personDn(id));
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void modify(String group, ModificationType change, String id) {
    try {
      server.modify(groupDn(group), new Modification(change, "member", personDn(id)));
    } catch (LDAPException e) {
      throw new IllegalStateException(e);
    }
  }
}
