package uk.localgov.reunification.sso;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Profile sso: who may come in is the council's OpenID provider's and directory's to say.
 * Two chains. {@code /engine-rest} and {@code /api} take bearer JWTs only, validated against the
 * provider's keys, and keep no session; the engine-facing decision stays with
 * {@link BearerOrCockpitAuthentication}, which refuses every caller without an identity as the
 * other profiles do. Everything else signs in through the provider (OpenID Connect, code flow)
 * and hands the person to Camunda's webapps ({@link DirectoryWebappAuthentication}); Camunda's
 * own password login is refused, and {@code /logout} ends the session at the provider too.
 * The webapps' CSRF protection, security headers and session cookie stay Camunda's, as configured
 * in application.yaml, so Spring Security adds none of its own there.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sso")
@EnableWebSecurity
public class SsoSecurity {

  public static final String LOGOUT = "/logout";

  @Bean
  @Order(1)
  public SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder bearerTokens) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(new OrRequestMatcher(paths.matcher("/engine-rest/**"), paths.matcher("/api/**")))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // bearer tokens are not sent by a browser of its own accord; the session reads are GETs
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .requestCache(cache -> cache.disable())
        .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(bearerTokens)))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
    return http.build();
  }

  @Bean
  @Order(2)
  public SecurityFilterChain webappChain(HttpSecurity http, ClientRegistrationRepository registrations,
      SsoProperties sso, @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    OidcClientInitiatedLogoutSuccessHandler endAtProvider = new OidcClientInitiatedLogoutSuccessHandler(registrations);
    endAtProvider.setPostLogoutRedirectUri(sso.postLogoutRedirectUri());
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"),
                paths.matcher("/error")).permitAll()
            // no local password works, not even the administrator's
            .requestMatchers(paths.matcher(HttpMethod.POST, webappPath + "/api/admin/auth/user/*/login/*")).denyAll()
            .anyRequest().authenticated())
        .oauth2Login(login -> login.clientRegistrationRepository(registrations)
            .loginPage("/oauth2/authorization/" + SsoProvider.REGISTRATION))
        // Camunda's webapps answer a request of theirs without a session with 401, as they do now
        .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
            new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), paths.matcher(webappPath + "/api/**")))
        .logout(logout -> logout.logoutRequestMatcher(paths.matcher(LOGOUT)).logoutSuccessHandler(endAtProvider))
        .csrf(csrf -> csrf.ignoringRequestMatchers(paths.matcher(webappPath + "/**"), paths.matcher(LOGOUT)))
        .headers(headers -> headers.disable());
    return http.build();
  }

  /** Before every other filter of the application's but the login throttle. */
  @Bean
  public FilterRegistrationBean<Filter> ssoSecurityFilterChain(@Qualifier("springSecurityFilterChain") Filter chain) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(chain);
    registration.setName("sso-security");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER);
    registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
    return registration;
  }

  @Bean
  public FilterRegistrationBean<Filter> ssoRestAuthentication(SignedInStaff staff,
      @Value("${camunda.bpm.process-engine-name:default}") String engineName) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BearerOrCockpitAuthentication(staff, engineName));
    registration.setName("camunda-rest-authentication");
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }

  /** After Spring Security's chain, before Camunda's webapp filters (registered after every bean's). */
  @Bean
  public FilterRegistrationBean<Filter> ssoWebappAuthentication(SignedInStaff staff,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new DirectoryWebappAuthentication(staff));
    registration.setName("sso-webapp-authentication");
    registration.addUrlPatterns(webappPath + "/*");
    registration.setOrder(101);
    return registration;
  }
}
