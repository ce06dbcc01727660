package uk.localgov.reunification.records;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The nightly removal of read-log rows whose record has gone ({@link ReadLog#removeExpired}): idempotent on every node. */
@Configuration
@EnableScheduling
class RecordsScheduling {
}
