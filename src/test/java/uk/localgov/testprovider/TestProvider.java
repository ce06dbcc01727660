package uk.localgov.testprovider;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The council's OpenID provider for the sso tests: Spring Authorization Server in an application
 * context of its own, on a port of its own, in the test JVM. It signs people in with a password
 * (their id), puts their provider groups in the {@code groups} claim, and issues client-credentials
 * tokens to the case-record system and to a system the application was never given to. Outside
 * the application's packages, so that no application context's component scan finds it.
 */
public final class TestProvider {

  public static final String APP_CLIENT = "reunification";
  public static final String APP_SECRET = "reunification-secret";
  public static final String TEST_CLIENT = "test-cli";
  public static final String CASE_RECORDS = "case-record-system";
  public static final String STRANGER = "stranger-system";
  /** Each client's secret (the provider refuses two clients with one secret). */
  public static String secretOf(String clientId) {
    return clientId + "-secret";
  }
  public static final String AUDIENCE = "api://reunification";
  public static final String TEST_CALLBACK = "http://127.0.0.1/callback";
  /**
   * Where the application asks to be sent after signing out: its Tasklist rather than /camunda/,
   * whose welcome page would pick the test JVM's other context's engine, named default.
   */
  public static final String POST_LOGOUT_PATH = "/camunda/app/tasklist/sso/";

  /** The provider's groups of each person: what Entra ID's groups claim would carry. */
  public static final Map<String, List<String>> PROVIDER_GROUPS = Map.of(
      "sam.north", List.of("CS-SocialWorkers"), "pat.north", List.of("CS-SocialWorkers"), "ray.north", List.of("CS-SocialWorkers"),
      "lee.north", List.of("CS-LineManagers"), "kim.south", List.of("CS-SocialWorkers"),
      "max.south", List.of("CS-LineManagers"), "ira.reviewer", List.of("CS-IROs"),
      "ada.admin", List.of("CS-Admins"), "vic.visitor", List.of("CS-Library"));
  static final Map<String, List<String>> SYSTEM_ROLES = Map.of(CASE_RECORDS, List.of("Case.Records"), STRANGER, List.of());

  private static final RSAKey KEY = rsaKey();
  private static ServletWebServerApplicationContext context;
  private static int appPort;

  private TestProvider() {
  }

  public static synchronized String issuer(int applicationPort) {
    if (context == null) {
      appPort = applicationPort;
      context = (ServletWebServerApplicationContext) new SpringApplicationBuilder(ProviderConfig.class)
          .web(WebApplicationType.SERVLET).properties("spring.main.banner-mode=off", "spring.config.name=test-provider")
          .run();
    }
    return "http://localhost:" + context.getWebServer().getPort();
  }

  /** A token the provider's own key signs: for claims its token endpoint would never issue (an expired one). */
  public static String signedByTheProvider(JwtClaimsSet claims) {
    return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(KEY))).encode(
        JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY.getKeyID()).build(), claims)).getTokenValue();
  }

  /** The same claims signed by another key that claims the provider's key id. */
  public static String signedByAnotherKey(JwtClaimsSet claims) {
    RSAKey impostor = new RSAKey.Builder(rsaKey()).keyID(KEY.getKeyID()).build();
    return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(impostor))).encode(
        JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY.getKeyID()).build(), claims)).getTokenValue();
  }

  private static RSAKey rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
          .keyID(UUID.randomUUID().toString()).build();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebSecurity
  static class ProviderConfig {

    @Bean
    TomcatServletWebServerFactory providerServer() {
      TomcatServletWebServerFactory server = new TomcatServletWebServerFactory(0);
      // the browser keeps cookies per host, not per port: the application's session is JSESSIONID
      server.getSession().getCookie().setName("PROVIDER_SESSION");
      // Tomcat runs filters only for a request some servlet is mapped to; the provider is filters alone
      server.setRegisterDefaultServlet(true);
      return server;
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
      http.securityMatcher(server.getEndpointsMatcher())
          .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
              new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
      return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
      return http.build();
    }

    @Bean
    UserDetailsService people() {
      return new InMemoryUserDetailsManager(PROVIDER_GROUPS.keySet().stream()
          .map(id -> User.withUsername(id).password("{noop}" + id).roles("STAFF").build()).toList());
    }

    @Bean
    RegisteredClientRepository clients() {
      ClientSettings noConsent = ClientSettings.builder().requireAuthorizationConsent(false).build();
      RegisteredClient application = RegisteredClient.withId(APP_CLIENT).clientId(APP_CLIENT).clientSecret("{noop}" + APP_SECRET)
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
          .redirectUri("http://localhost:" + appPort + "/login/oauth2/code/council")
          .postLogoutRedirectUri("http://localhost:" + appPort + POST_LOGOUT_PATH)
          .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL).clientSettings(noConsent).build();
      RegisteredClient tests = RegisteredClient.withId(TEST_CLIENT).clientId(TEST_CLIENT).clientSecret("{noop}" + secretOf(TEST_CLIENT))
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri(TEST_CALLBACK)
          .scope(OidcScopes.OPENID).clientSettings(noConsent).build();
      List<RegisteredClient> systems = SYSTEM_ROLES.keySet().stream().map(id -> RegisteredClient.withId(id).clientId(id)
          .clientSecret("{noop}" + secretOf(id)).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build()).toList();
      List<RegisteredClient> all = new java.util.ArrayList<>(List.of(application, tests));
      all.addAll(systems);
      return new InMemoryRegisteredClientRepository(all);
    }

    /** People's groups and systems' roles in the {@code groups} claim; access tokens are for the application. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groupsClaim() {
      return context -> {
        boolean system = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        String name = context.getPrincipal().getName();
        List<String> groups = system ? SYSTEM_ROLES.get(name) : PROVIDER_GROUPS.get(name);
        context.getClaims().claim("groups", groups == null ? List.of() : groups);
        if (!system) {
          context.getClaims().claim("preferred_username", name);
        }
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
          context.getClaims().audience(List.of(AUDIENCE, context.getRegisteredClient().getClientId()));
        }
      };
    }

    @Bean
    JWKSource<SecurityContext> keys() {
      return new ImmutableJWKSet<>(new JWKSet(KEY));
    }

    @Bean
    JwtDecoder userinfoTokens(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().build();
    }

    /** For RP-initiated logout: the provider finds the session an ID token's {@code sid} names. */
    @Bean
    SessionRegistry sessions() {
      return new SessionRegistryImpl();
    }

    @Bean
    ServletListenerRegistrationBean<HttpSessionEventPublisher> sessionEvents() {
      return new ServletListenerRegistrationBean<>(new HttpSessionEventPublisher());
    }
  }

  /** Claims the provider would put in an access token for this person, issued at {@code issuedAt}. */
  public static JwtClaimsSet personClaims(String issuer, String person, Instant issuedAt, Duration lifetime) {
    return JwtClaimsSet.builder().issuer(issuer).subject(person).audience(List.of(AUDIENCE, TEST_CLIENT))
        .issuedAt(issuedAt).notBefore(issuedAt).expiresAt(issuedAt.plus(lifetime))
        .claim("preferred_username", person).claim("groups", PROVIDER_GROUPS.get(person)).build();
  }
}
