package uk.localgov.reunification.casework;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.localgov.reunification.PostgresForTests;

/** Every path of the unplanned return, on a real PostgreSQL as production runs it. */
@ActiveProfiles({"demo", "test", "postgres"})
class UnplannedReturnOnPostgresTest extends UnplannedReturnTest {

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    PostgresForTests.register(registry, "unplannedreturns");
  }
}
