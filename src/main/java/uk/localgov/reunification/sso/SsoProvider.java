package uk.localgov.reunification.sso;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * The council's OpenID provider, read from its discovery document on first use rather than at
 * start-up, so that the application starts while the provider is briefly away.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sso")
public class SsoProvider {

  static final String REGISTRATION = "council";

  @Bean
  public ClientRegistrationRepository clientRegistrations(SsoProperties sso) {
    sso.requireProvider();
    SingletonSupplier<ClientRegistration> registration = SingletonSupplier.of(() ->
        ClientRegistrations.fromIssuerLocation(sso.issuerUri())
            .registrationId(REGISTRATION)
            .clientId(sso.clientId())
            .clientSecret(sso.clientSecret())
            .scope(sso.scopes())
            .userNameAttributeName(sso.usernameClaim())
            .build());
    return id -> REGISTRATION.equals(id) ? registration.obtain() : null;
  }

  /** Signed by the provider's keys (its JWKS, refreshed when a new key id appears), by this issuer, in date, for us. */
  @Bean
  public JwtDecoder bearerTokens(SsoProperties sso) {
    sso.requireProvider();
    return new SupplierJwtDecoder(() -> {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(sso.issuerUri()).build();
      List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
      validators.add(JwtValidators.createDefaultWithIssuer(sso.issuerUri()));
      if (sso.audience() != null && !sso.audience().isBlank()) {
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
            audience -> audience != null && audience.contains(sso.audience())));
      }
      decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
      return decoder;
    });
  }
}
