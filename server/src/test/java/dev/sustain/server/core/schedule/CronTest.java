package dev.sustain.server.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronTest {
  /** Thursday 2026-01-01T00:00:00Z. */
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static long next(String cron, long after) {
    return Cron.parse(cron).orElseThrow(() -> new AssertionError("did not parse: " + cron)).nextAfter(after);
  }

  @Test
  void everyMinuteFiresAtTheNextWholeMinuteStrictlyAfter() {
    assertEquals(T0 + 60_000, next("* * * * *", T0));
    assertEquals(T0 + 60_000, next("* * * * *", T0 + 1));
    assertEquals(T0 + 60_000, next("* * * * *", T0 + 59_999));
    assertEquals(T0 + 120_000, next("* * * * *", T0 + 60_000));
  }

  @Test
  void sixFieldExpressionsHaveALeadingSecondsField() {
    assertEquals(T0 + 2_000, next("*/2 * * * * *", T0));
    assertEquals(T0 + 2_000, next("*/2 * * * * *", T0 + 1_500));
    assertEquals(T0 + 4_000, next("*/2 * * * * *", T0 + 2_000));
    assertEquals(T0 + 30_000, next("30 * * * * *", T0));
    assertEquals(at("2026-01-01T00:05:10Z"), next("10 5 * * * *", T0));
  }

  @Test
  void sundayIsZeroOrSeven() {
    // 2026-01-04 is the first Sunday of 2026.
    assertEquals(at("2026-01-04T00:00:00Z"), next("0 0 * * 0", T0));
    assertEquals(at("2026-01-04T00:00:00Z"), next("0 0 * * 7", T0));
    assertEquals(at("2026-01-04T00:00:00Z"), next("0 0 * * SUN", T0));
    assertEquals(at("2026-01-05T09:30:00Z"), next("30 9 * * 1-5", at("2026-01-02T10:00:00Z")));
    assertEquals(at("2026-01-03T00:00:00Z"), next("0 0 * * 6-7", T0));
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEither() {
    // The 15th or any Monday: Monday 2026-01-05 comes first.
    assertEquals(at("2026-01-05T00:00:00Z"), next("0 0 15 * 1", T0));
    // Only the day-of-month is restricted when the weekday is '*'.
    assertEquals(at("2026-01-15T00:00:00Z"), next("0 0 15 * *", T0));
    assertEquals(at("2026-01-15T00:00:00Z"), next("0 0 0 15 * ?", T0));
  }

  @Test
  void listsRangesStepsAndNamesCombine() {
    assertEquals(at("2026-01-01T00:15:00Z"), next("0,15,30,45 * * * *", T0));
    assertEquals(at("2026-01-01T02:00:00Z"), next("0 2-4/2 * * *", T0));
    assertEquals(at("2026-01-01T04:00:00Z"), next("0 2-4/2 * * *", at("2026-01-01T02:00:00Z")));
    assertEquals(at("2026-03-01T00:00:00Z"), next("0 0 1 mar,jun *", T0));
    assertEquals(at("2026-01-01T00:10:00Z"), next("10/20 * * * *", T0));
    assertEquals(at("2026-01-01T00:30:00Z"), next("10/20 * * * *", at("2026-01-01T00:10:00Z")));
  }

  @Test
  void leapDaysAreFoundYearsAhead() {
    assertEquals(at("2028-02-29T00:00:00Z"), next("0 0 29 2 *", T0));
    assertEquals(at("2104-02-29T00:00:00Z"), next("0 0 29 2 *", at("2096-02-29T00:00:00Z")));
  }

  @Test
  void nicknamesExpand() {
    assertEquals(at("2026-01-01T01:00:00Z"), next("@hourly", T0));
    assertEquals(at("2026-01-02T00:00:00Z"), next("@daily", T0));
    assertEquals(at("2027-01-01T00:00:00Z"), next("@yearly", T0));
  }

  @Test
  void nextAfterIsStrictlyLaterAndOnAWholeSecondAcrossMonthEnds() {
    long t = at("2026-01-31T23:59:59.500Z");
    long n = next("0 0 * * *", t);
    assertEquals(at("2026-02-01T00:00:00Z"), n);
    assertTrue(n > t);
    assertEquals(0, n % 1000);
    assertEquals(LocalDateTime.of(2026, 12, 31, 23, 59), LocalDateTime.ofEpochSecond(
        next("59 23 31 12 *", T0) / 1000, 0, ZoneOffset.UTC));
  }

  /**
   * The jumping search against a second-by-second scan, for random expressions that fire at least daily: the
   * result must match, be strictly later, and no matching second may be skipped.
   */
  @Test
  void nextAfterAgreesWithAScanSecondBySecond() {
    Random random = new Random(20261130L);
    for (int sample = 0; sample < 150; sample++) {
      String expression =
          String.join(
              " ",
              sixFieldItem(random, 0, 59),
              sixFieldItem(random, 0, 59),
              sixFieldItem(random, 0, 23),
              "*",
              "*",
              random.nextInt(3) == 0 ? "1-5" : "*");
      Cron cron = Cron.parse(expression).orElseThrow(() -> new AssertionError(expression));
      long after = T0 + (long) random.nextInt(400 * 86_400) * 1000L + random.nextInt(1000);
      long expected = Math.floorDiv(after, 1000L) * 1000L + 1000L;
      while (!cron.matches(expected)) {
        expected += 1000L;
      }
      assertEquals(expected, cron.nextAfter(after), expression + " after " + Instant.ofEpochMilli(after));
    }
  }

  private static String sixFieldItem(Random random, int min, int max) {
    int a = min + random.nextInt(max - min + 1);
    int b = min + random.nextInt(max - min + 1);
    return switch (random.nextInt(5)) {
      case 0 -> "*";
      case 1 -> Integer.toString(a);
      case 2 -> Math.min(a, b) + "-" + Math.max(a, b);
      case 3 -> "*/" + (1 + random.nextInt(Math.max(1, max / 2)));
      default -> a + "," + b;
    };
  }

  @Test
  void matchesTellsWhetherAnInstantIsAnOccurrence() {
    Cron weekdays = Cron.parse("30 9 * * 1-5").orElseThrow();
    assertTrue(weekdays.matches(at("2026-01-02T09:30:00Z")));
    assertTrue(weekdays.matches(at("2026-01-02T09:30:00.999Z")));
    assertFalse(weekdays.matches(at("2026-01-03T09:30:00Z")), "a Saturday");
    assertFalse(weekdays.matches(at("2026-01-02T09:30:01Z")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not cron", "", "* * * *", "* * * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *",
        "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "? * * * *", "0 0 30 2 *", "0 0 31 4,6,9,11 *",
        "a-b * * * *", "1,,2 * * * *", "-1 * * * *"
      })
  void malformedOrNeverFiringExpressionsDoNotParse(String expression) {
    assertTrue(Cron.parse(expression).isEmpty(), expression);
  }
}
