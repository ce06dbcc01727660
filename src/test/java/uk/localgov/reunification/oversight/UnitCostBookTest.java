package uk.localgov.reunification.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.localgov.reunification.PostgresForTests;
import uk.localgov.reunification.oversight.OversightReport.UnitCosts;

/**
 * The unit cost book on both databases the application runs on, each made by the project's own
 * Flyway migrations: the defaults until a setting, then the latest, every setting kept.
 */
class UnitCostBookTest {

  @Test
  void onH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:unitcosts;DB_CLOSE_DELAY=-1");
    theLatestSettingIsInForceAndEachIsKept(h2);
  }

  @Test
  void onPostgres() {
    PostgresForTests.newDatabase("unitcosts");
    theLatestSettingIsInForceAndEachIsKept(PostgresForTests.server().getDatabase("postgres", "unitcosts"));
  }

  private static void theLatestSettingIsInForceAndEachIsKept(DataSource database) {
    Flyway.configure().dataSource(database).load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(database);
    UnitCostBook book = new UnitCostBook(jdbc);

    assertThat(book.current()).isEqualTo(UnitCostBook.DEFAULTS);
    assertThat(book.history()).isEmpty();

    book.set(110000, 8000, "Finance, 2025/26", "admin");
    UnitCosts latest = book.set(112500, 8100, "Finance, revised", "admin2");

    assertThat(latest).isEqualTo(book.current());
    assertThat(latest.returnToCare()).isEqualTo(112500);
    assertThat(latest.supportPerFamily()).isEqualTo(8100);
    assertThat(latest.source()).isEqualTo("Finance, revised");
    assertThat(latest.setBy()).isEqualTo("admin2");
    assertThat(latest.setAt()).isNotBlank();
    assertThat(book.history()).extracting(UnitCosts::setBy).containsExactly("admin2", "admin");
    assertThatThrownBy(() -> book.set(0, 8000, "None", "admin")).as("the table itself refuses a cost of nothing")
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(book.history()).hasSize(2);
    assertThat(book.current()).isEqualTo(latest);
  }
}
