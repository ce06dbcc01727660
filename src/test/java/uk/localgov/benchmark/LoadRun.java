package uk.localgov.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@link CaseworkersSimulation} with Gatling in a JVM of its own (as Gatling's Maven plugin
 * does: {@code io.gatling.app.Gatling} on the test classpath) and reads its figures from the
 * report's {@code js/stats.js}: per request the count, the failures, p50 / p95 / p99 (Gatling's
 * percentiles 1, 3 and 4) and the mean requests per second.
 */
final class LoadRun {

  record Stats(String request, long total, long failed, double p50, double p95, double p99, double perSecond) {
  }

  private LoadRun() {
  }

  /** One Gatling run; the properties are the simulation's ({@code load.*}). Keyed by request name, with "All". */
  static Map<String, Stats> run(String name, Map<String, String> properties) throws IOException, InterruptedException {
    Path results = Path.of("target", "gatling", name).toAbsolutePath();
    Files.createDirectories(results);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Dload.events=" + events(name));
    command.addAll(List.of("io.gatling.app.Gatling", "--simulation", CaseworkersSimulation.class.getName(),
        "--results-folder", results.toString(), "--run-description", name));
    // failed requests, with what was sent and answered, go to gatling.log (Gatling logs them at DEBUG)
    Path logback = results.resolve("logback.xml");
    Files.writeString(logback, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
        + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder></appender>"
        + "<logger name=\"io.gatling.http.engine.response\" level=\"DEBUG\"/>"
        + "<logger name=\"io.gatling.app\" level=\"INFO\"/>"
        + "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>");
    command.add(3, "-Dlogback.configurationFile=" + logback);
    Path log = results.resolve("gatling.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = process.waitFor();
    // Gatling exits 2 when assertions fail; there are none, so anything but 0 is a failed run
    if (exit != 0) {
      throw new IllegalStateException("Gatling run " + name + " exited " + exit + ": " + String.join("\n",
          tail(Files.readAllLines(log), 40)));
    }
    Path stats;
    try (Stream<Path> files = Files.walk(results)) {
      stats = files.filter(file -> file.endsWith(Path.of("js", "stats.js")))
          .max(Comparator.comparing(file -> file.toFile().lastModified())).orElseThrow();
    }
    JsonNode root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build()
        .readTree(statsObject(Files.readString(stats)));
    Map<String, Stats> figures = new LinkedHashMap<>();
    figures.put("All", stats("All", root.get("stats")));
    root.get("contents").forEach(request -> figures.put(request.get("name").asText(),
        stats(request.get("name").asText(), request.get("stats"))));
    figures.values().forEach(figure -> System.out.printf(java.util.Locale.ROOT,
        "BENCHMARK gatling %-12s %-28s n %6d failed %4d p50 %6.0f ms p95 %6.0f ms p99 %6.0f ms %7.2f req/s%n",
        name, figure.request(), figure.total(), figure.failed(), figure.p50(), figure.p95(), figure.p99(),
        figure.perSecond()));
    return figures;
  }

  /** Where a run's counted events are written (the simulation's {@code load.events}). */
  static Path events(String name) {
    return Path.of("target", "gatling", name, "events.properties").toAbsolutePath();
  }

  /** A run's counted events: {@code lists} (the "My tasks" lists seen) and {@code emptyLists} (those with no task). */
  static java.util.Properties eventsOf(String name) throws IOException {
    java.util.Properties events = new java.util.Properties();
    try (var in = Files.newInputStream(events(name))) {
      events.load(in);
    }
    return events;
  }

  /** The report's {@code js/stats.js} holds {@code var stats = {...}} (keys partly unquoted), then functions. */
  static String statsObject(String script) {
    int start = script.indexOf('{', script.indexOf("var stats"));
    int depth = 0;
    boolean quoted = false;
    for (int i = start; i < script.length(); i++) {
      char c = script.charAt(i);
      if (c == '"' && script.charAt(i - 1) != '\\') {
        quoted = !quoted;
      } else if (!quoted && c == '{') {
        depth++;
      } else if (!quoted && c == '}' && --depth == 0) {
        return script.substring(start, i + 1);
      }
    }
    throw new IllegalStateException("no stats object in the Gatling report");
  }

  private static Stats stats(String name, JsonNode stats) {
    return new Stats(name, stats.get("numberOfRequests").get("total").asLong(),
        stats.get("numberOfRequests").get("ko").asLong(),
        number(stats.get("percentiles1")), number(stats.get("percentiles3")), number(stats.get("percentiles4")),
        number(stats.get("meanNumberOfRequestsPerSecond")));
  }

  /** Over every request, failed or not: a slow failure is still slow. */
  private static double number(JsonNode figure) {
    String total = figure.get("total").asText().replace(",", "");
    return total.equals("-") ? Double.NaN : Double.parseDouble(total);
  }

  private static List<String> tail(List<String> lines, int count) {
    return lines.subList(Math.max(0, lines.size() - count), lines.size());
  }
}
