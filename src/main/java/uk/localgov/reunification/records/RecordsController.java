package uk.localgov.reunification.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Administrators;

/**
 * A child's record as the law asks it kept, for administrators (others 403): who read the case
 * ({@code GET /api/cases/{childId}/reads}) and everything held about the child for a subject access
 * request ({@code GET /api/cases/{childId}/record}, as JSON, or as a printable page for a browser).
 */
@RestController
public class RecordsController {

  private final ReadLog reads;
  private final SubjectAccess subjectAccess;
  private final IdentityService identity;

  public RecordsController(ReadLog reads, SubjectAccess subjectAccess, IdentityService identity) {
    this.reads = reads;
    this.subjectAccess = subjectAccess;
    this.identity = identity;
  }

  @GetMapping("/api/cases/{childId}/reads")
  public Map<String, Object> reads(@PathVariable String childId,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String authority) {
    Administrators.require(identity, "read who read a case");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("childId", childId);
    answer.put("authority", authority);
    answer.put("reads", reads.of(childId, authority));
    return answer;
  }

  @GetMapping(value = "/api/cases/{childId}/record", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> record(@PathVariable String childId,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String authority) {
    Administrators.require(identity, "produce a child's record");
    return subjectAccess.recordOf(childId, identity.getCurrentAuthentication().getUserId(), authority);
  }

  @GetMapping(value = "/api/cases/{childId}/record", produces = MediaType.TEXT_HTML_VALUE)
  public String printable(@PathVariable String childId,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String authority) {
    return PrintableRecord.html(record(childId, authority));
  }

  /** The record as a page to print or save: each part a heading, each list a table. */
  static final class PrintableRecord {

    private PrintableRecord() {
    }

    @SuppressWarnings("unchecked")
    static String html(Map<String, Object> record) {
      StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Record of ")
          .append(escape(record.get("childId"))).append("</title><style>body{font-family:sans-serif;margin:2em}"
              + "table{border-collapse:collapse;margin-bottom:1.5em;width:100%}td,th{border:1px solid #999;padding:4px;"
              + "text-align:left;vertical-align:top;font-size:90%}h2{page-break-before:auto}</style></head><body>");
      page.append("<h1>Record of child ").append(escape(record.get("childId"))).append("</h1>");
      page.append("<p>Produced ").append(escape(record.get("generatedAt"))).append(" by ").append(escape(record.get("generatedBy")))
          .append(". Kept until ").append(escape(record.get("keptUntil"))).append(" (").append(escape(record.get("keptUnder")))
          .append(").</p>");
      for (Map<String, Object> process : (List<Map<String, Object>>) record.get("processes")) {
        page.append("<h2>").append(escape(process.get("name"))).append(" (").append(escape(process.get("process")))
            .append(")</h2><p>Started ").append(escape(process.get("started"))).append(" by ")
            .append(escape(process.get("startedBy"))).append("; ended ").append(escape(process.get("ended")))
            .append("; ").append(escape(process.get("state"))).append("; removal ").append(escape(process.get("removalTime")))
            .append("</p>");
        table(page, "Steps", (List<Map<String, Object>>) process.get("steps"));
        table(page, "Values recorded", (List<Map<String, Object>>) process.get("values"));
        table(page, "Decisions", (List<Map<String, Object>>) process.get("decisions"));
      }
      table(page, "Who read the case", ((List<ReadLog.Read>) record.get("reads")).stream().map(read -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("userId", read.userId());
        row.put("at", read.at());
        row.put("what", read.what());
        row.put("surface", read.surface());
        return row;
      }).toList());
      return page.append("</body></html>").toString();
    }

    private static void table(StringBuilder page, String title, List<Map<String, Object>> rows) {
      page.append("<h3>").append(escape(title)).append("</h3>");
      if (rows.isEmpty()) {
        page.append("<p>None.</p>");
        return;
      }
      page.append("<table><tr>");
      rows.get(0).keySet().forEach(column -> page.append("<th>").append(escape(column)).append("</th>"));
      page.append("</tr>");
      for (Map<String, Object> row : rows) {
        page.append("<tr>");
        row.values().forEach(cell -> page.append("<td>").append(escape(cell)).append("</td>"));
        page.append("</tr>");
      }
      page.append("</table>");
    }

    private static String escape(Object value) {
      return value == null ? "" : value.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
          .replace("\"", "&quot;");
    }
  }
}
