package uk.localgov.reunification.sso;

import uk.localgov.testprovider.TestProvider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens from the test provider's own endpoints, as a client gets them: client credentials for a
 * system, and for a person the authorization code flow with their password typed into the
 * provider's sign-in form.
 */
final class ProviderTokens {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String issuer;

  ProviderTokens(String issuer) {
    this.issuer = issuer;
  }

  String clientCredentials(String clientId) {
    return token(clientId, TestProvider.secretOf(clientId), "grant_type=client_credentials");
  }

  String person(String id) {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String authorize = issuer + "/oauth2/authorize?response_type=code&scope=openid&state=s1&client_id="
        + TestProvider.TEST_CLIENT + "&redirect_uri=" + encode(TestProvider.TEST_CALLBACK);
    send(browser, get(authorize));
    HttpResponse<String> form = send(browser, get(issuer + "/login"));
    Matcher csrf = CSRF.matcher(form.body());
    assertThat(csrf.find()).as(form.body()).isTrue();
    HttpResponse<String> signedIn = send(browser, HttpRequest.newBuilder(URI.create(issuer + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + id + "&password=" + id + "&_csrf=" + encode(csrf.group(1))))
        .build());
    String next = signedIn.headers().firstValue("Location").orElseThrow();
    String callback = send(browser, get(next.startsWith("http") ? next : issuer + next)).headers().firstValue("Location").orElseThrow();
    assertThat(callback).startsWith(TestProvider.TEST_CALLBACK);
    String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");
    return token(TestProvider.TEST_CLIENT, TestProvider.secretOf(TestProvider.TEST_CLIENT), "grant_type=authorization_code&code=" + code
        + "&redirect_uri=" + encode(TestProvider.TEST_CALLBACK));
  }

  private String token(String clientId, String secret, String form) {
    HttpResponse<String> answer = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    try {
      return (String) JSON.readValue(answer.body(), Map.class).get("access_token");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
