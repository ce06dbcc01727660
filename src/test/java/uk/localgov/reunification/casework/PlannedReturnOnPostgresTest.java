package uk.localgov.reunification.casework;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.localgov.reunification.PostgresForTests;

/** Every path of the planned return, on a real PostgreSQL as production runs it. */
@ActiveProfiles({"demo", "test", "postgres"})
class PlannedReturnOnPostgresTest extends PlannedReturnTest {

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    PostgresForTests.register(registry, "plannedreturns");
  }
}
