package uk.localgov.reunification.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.localgov.reunification.ApplicationTest;

/**
 * Tasklist and Cockpit draw for everyone at once: a page's scripts carry the nonce of the page's
 * own Content-Security-Policy, however many people load a page at the same moment. (Camunda's
 * webapps keep the nonce in one place for all requests; without the fix some of these pages carried
 * another request's nonce and the browser ran none of their scripts.)
 */
@ApplicationTest
class OwnNonceOnEachPageTest {

  static final int PEOPLE = 8;
  static final int PAGES_EACH = 20;

  @LocalServerPort
  int port;

  @Test
  void everyPageLoadedAtOnceCarriesItsOwnNonce() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<String> pages = List.of("/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
        "/camunda/app/welcome/default/", "/camunda/app/admin/default/");
    ExecutorService people = Executors.newFixedThreadPool(PEOPLE);
    List<Future<List<String>>> loads = new ArrayList<>();
    for (int person = 0; person < PEOPLE; person++) {
      String page = pages.get(person % pages.size());
      loads.add(people.submit(() -> {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < PAGES_EACH; i++) {
          HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page)).build(),
              HttpResponse.BodyHandlers.ofString());
          String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow();
          Matcher header = OwnNonceOnEachPage.NONCE_IN_HEADER.matcher(policy);
          assertThat(header.find()).as(policy).isTrue();
          Matcher inPage = OwnNonceOnEachPage.NONCE_IN_PAGE.matcher(answer.body());
          assertThat(inPage.find()).as("the page's scripts carry a nonce: " + page).isTrue();
          do {
            if (!inPage.group().equals("nonce=\"" + header.group(1) + "\"")) {
              mismatches.add(page + ": header " + header.group(1) + ", page " + inPage.group());
            }
          } while (inPage.find());
        }
        return mismatches;
      }));
    }
    List<String> mismatches = new ArrayList<>();
    for (Future<List<String>> load : loads) {
      mismatches.addAll(load.get());
    }
    people.shutdown();
    assertThat(mismatches).as("pages whose scripts carry another request's nonce, of " + PEOPLE * PAGES_EACH).isEmpty();
  }

  @Test
  void onlyTheIndexPagesAreHeld() {
    assertThat(List.of("/camunda/app/tasklist/", "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/index.html"))
        .allMatch(path -> OwnNonceOnEachPage.IndexPageNonce.isIndexPage(get(path)));
    assertThat(List.of("/camunda/app/tasklist/camunda-tasklist-bootstrap.js", "/camunda/app/tasklist/styles/user-styles.css",
        "/camunda/api/engine/engine/default/task")).noneMatch(path -> OwnNonceOnEachPage.IndexPageNonce.isIndexPage(get(path)));
  }

  private static org.springframework.mock.web.MockHttpServletRequest get(String path) {
    return new org.springframework.mock.web.MockHttpServletRequest("GET", path);
  }
}
