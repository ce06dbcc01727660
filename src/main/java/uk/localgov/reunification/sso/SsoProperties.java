package uk.localgov.reunification.sso;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID provider the council's staff sign in with (profile {@code sso}; every setting is
 * described in docs/operations.md, "Signing in with the council's account").
 *
 * @param issuerUri the provider's issuer; its discovery document names the keys, endpoints and
 *     end-session endpoint
 * @param clientId this application's registration at the provider
 * @param clientSecret its secret
 * @param scopes what the webapps' sign-in asks for
 * @param usernameClaim the claim whose value is the person's id in the directory
 * @param groupsClaim the claim listing the provider's groups or app roles
 * @param groupMapping provider group (or app role) to the application's groups it stands for
 * @param audience when set, a bearer token must name it in {@code aud} (Entra ID: the App ID URI)
 * @param systems ids (the username claim, or {@code sub} when it has none) of other systems, such
 *     as the case-record system: they are no person in the directory, their groups come from the
 *     token alone
 * @param postLogoutRedirectUri where the provider sends the browser back after signing out
 */
@ConfigurationProperties("reunification.sso")
public record SsoProperties(
    String issuerUri,
    String clientId,
    String clientSecret,
    @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
    @DefaultValue("preferred_username") String usernameClaim,
    @DefaultValue("groups") String groupsClaim,
    @DefaultValue Map<String, List<String>> groupMapping,
    String audience,
    @DefaultValue List<String> systems,
    @DefaultValue("{baseUrl}/camunda/") String postLogoutRedirectUri) {

  /** Fails start-up naming what is missing, rather than a sign-in that cannot work. */
  void requireProvider() {
    for (Map.Entry<String, String> setting : Map.of("issuer-uri", String.valueOf(issuerUri),
        "client-id", String.valueOf(clientId), "client-secret", String.valueOf(clientSecret)).entrySet()) {
      if (setting.getValue().isBlank() || "null".equals(setting.getValue())) {
        throw new IllegalStateException("The sso profile needs reunification.sso." + setting.getKey()
            + " (docs/operations.md, \"Signing in with the council's account\")");
      }
    }
  }
}
