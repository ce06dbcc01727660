package uk.localgov.reunification.oversight;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import uk.localgov.reunification.api.Administrators;
import uk.localgov.reunification.api.Refused;
import uk.localgov.reunification.oversight.OversightReport.UnitCosts;

/**
 * {@code GET /api/oversight/unit-costs}: the unit costs the oversight figures are priced at, and
 * every change to them, newest first (anyone logged in: they say what the estimates rest on).
 * {@code PUT} with {@code {"returnToCare": 105804, "supportPerFamily": 7857, "source": "..."}}:
 * a new setting, in whole pounds, administrators only.
 */
@RestController
public class UnitCostsController {

  /** Far above any real unit cost (the NSPCC's is about £106,000), so that a slip of the keyboard is caught. */
  static final long MOST_POUNDS = 10_000_000;
  static final int LONGEST_SOURCE = 1000;
  private static final Set<String> FIELDS = Set.of("returnToCare", "supportPerFamily", "source");

  public record UnitCostSettings(UnitCosts current, List<UnitCosts> history) {
  }

  private final UnitCostBook book;
  private final IdentityService identity;

  public UnitCostsController(UnitCostBook book, IdentityService identity) {
    this.book = book;
    this.identity = identity;
  }

  @GetMapping("/api/oversight/unit-costs")
  public UnitCostSettings unitCosts() {
    return new UnitCostSettings(book.current(), book.history());
  }

  @PutMapping("/api/oversight/unit-costs")
  public UnitCostSettings set(@RequestBody JsonNode body) {
    Administrators.require(identity, "set the unit costs");
    if (!body.isObject()) {
      throw new Refused(400, "the unit costs must be a JSON object with returnToCare, supportPerFamily and source");
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new Refused(400, "'" + name + "' is not a unit cost setting: give returnToCare, supportPerFamily and source");
      }
    });
    long returnToCare = pounds(body, "returnToCare");
    long supportPerFamily = pounds(body, "supportPerFamily");
    JsonNode source = body.get("source");
    if (source == null || !source.isTextual() || source.asText().isBlank()) {
      throw new Refused(400, "'source' is required: where the unit costs come from");
    }
    if (source.asText().strip().length() > LONGEST_SOURCE) {
      throw new Refused(400, "'source' must be at most " + LONGEST_SOURCE + " characters");
    }
    book.set(returnToCare, supportPerFamily, source.asText().strip(),
        identity.getCurrentAuthentication().getUserId());
    return unitCosts();
  }

  private static long pounds(JsonNode body, String name) {
    JsonNode value = body.get(name);
    String rule = "'" + name + "' must be a whole number of pounds above 0 and below " + MOST_POUNDS;
    if (value == null || !value.isNumber()) {
      throw new Refused(400, rule);
    }
    BigDecimal amount = value.decimalValue();
    if (amount.signum() <= 0 || amount.compareTo(BigDecimal.valueOf(MOST_POUNDS)) >= 0
        || amount.stripTrailingZeros().scale() > 0) {
      throw new Refused(400, rule + " (was " + value + ")");
    }
    return amount.longValueExact();
  }
}
