package uk.localgov.reunification.sso;

import uk.localgov.testprovider.TestProvider;

import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with profile sso against the test provider and the test directory, in a context
 * of its own (an in-memory database, an engine named {@code sso}) that every sso test shares. Its
 * port is chosen before it starts because the provider must know the redirect URI it registers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:reunification-sso;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.process-engine-name=sso",
    "reunification.sso.client-id=" + TestProvider.APP_CLIENT,
    "reunification.sso.client-secret=" + TestProvider.APP_SECRET,
    "reunification.sso.audience=" + TestProvider.AUDIENCE,
    "reunification.sso.post-logout-redirect-uri={baseUrl}" + TestProvider.POST_LOGOUT_PATH,
    "reunification.sso.systems=" + TestProvider.CASE_RECORDS + "," + TestProvider.STRANGER,
    "reunification.sso.group-mapping.[CS-SocialWorkers]=socialworkers",
    "reunification.sso.group-mapping.[CS-LineManagers]=linemanagers",
    "reunification.sso.group-mapping.[CS-IROs]=iros",
    "reunification.sso.group-mapping.[CS-Admins]=camunda-admin",
    "reunification.sso.group-mapping.[Case.Records]=casesystems",
    "reunification.directory.manager-dn=" + TestDirectory.MANAGER,
    "reunification.directory.manager-password=" + TestDirectory.MANAGER_PASSWORD,
    "reunification.directory.base-dn=" + TestDirectory.BASE,
    "reunification.directory.user-search-base=ou=people",
    "reunification.directory.group-search-base=ou=groups"})
@ActiveProfiles({"test", "sso"})
abstract class SsoContext {

  static final int PORT = freePort();
  /** The REST API of this context's engine: its default engine is another context's. */
  static final String REST = "/engine-rest/engine/sso";
  static final String APP = "http://localhost:" + PORT;
  static final String ISSUER = TestProvider.issuer(PORT);
  static final ProviderTokens TOKENS = new ProviderTokens(ISSUER);

  @DynamicPropertySource
  static void providerAndDirectory(DynamicPropertyRegistry properties) {
    properties.add("server.port", () -> PORT);
    properties.add("reunification.sso.issuer-uri", () -> ISSUER);
    properties.add("reunification.directory.url", TestDirectory::url);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
