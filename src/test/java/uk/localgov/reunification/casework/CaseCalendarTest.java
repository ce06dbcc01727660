package uk.localgov.reunification.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Working days in England and Wales: weekends and bank holidays (Jollyday's calendar) are not counted. */
class CaseCalendarTest {

  final CaseCalendar calendar = new CaseCalendar();

  static Date endOf(int year, int month, int day) {
    return Date.from(LocalDateTime.of(year, month, day, 23, 59, 59).atZone(CaseCalendar.ENGLAND).toInstant());
  }

  @Test
  void tenWorkingDaysFromMondayTwentyFirstDecember2026EndOnThursdaySeventhJanuary() {
    // Christmas Day (Friday), Boxing Day's substitute (Monday 28th) and New Year's Day are bank holidays
    assertThat(calendar.endOfWorkingDaysAfter("2026-12-21", 10)).isEqualTo(endOf(2027, 1, 7));
  }

  @Test
  void theNextWorkingDayAfterAFridayIsMonday() {
    assertThat(calendar.endOfWorkingDaysAfter("2026-11-27", 1)).isEqualTo(endOf(2026, 11, 30));
  }

  @Test
  void easterMondayAndTheEarlyMayBankHolidayAreNotWorkingDays() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 3, 29))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 5, 3))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 5, 4))).isTrue();
  }
}
