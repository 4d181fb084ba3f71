package dev.sustain.server.core.schedule;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression in the dialect spec D9 asks for: standard Unix 5-field ({@code minute hour dom month dow})
 * or 6-field with a leading seconds field (SDK 0.11.5 sends {@code *}{@code /2 * * * * *}), evaluated in UTC.
 * Fields take {@code *}, values, ranges {@code a-b}, steps {@code x/n}, lists, month and weekday names; {@code ?}
 * is {@code *} in the day fields; weekday 0 and 7 are both Sunday. When both day fields are restricted a day
 * matches either (Vixie cron); a day field starting with {@code *} counts as unrestricted. The nicknames
 * {@code @yearly @annually @monthly @weekly @daily @midnight @hourly} are accepted.
 *
 * <p>Immutable and thread-safe. Written here rather than taken from a library so that {@code core} depends on
 * nothing but the protocol module and the JDK.
 */
public final class Cron {
  private static final Map<String, String> NICKNAMES =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** Longer than the longest gap between two occurrences of any satisfiable expression (29 Feb, 2096 → 2104). */
  private static final int SEARCH_YEARS = 12;

  private final String expression;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private Cron(String expression, String[] f) {
    this.expression = expression;
    this.seconds = field(f[0], 0, 59, List.of(), 0, false);
    this.minutes = field(f[1], 0, 59, List.of(), 0, false);
    this.hours = field(f[2], 0, 23, List.of(), 0, false);
    this.daysOfMonth = field(f[3], 1, 31, List.of(), 0, true);
    this.months = field(f[4], 1, 12, MONTHS, 1, false);
    BitSet dow = field(f[5], 0, 7, WEEKDAYS, 0, true);
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    this.daysOfWeek = dow;
    this.domRestricted = !isStar(f[3]);
    this.dowRestricted = !isStar(f[5]);
  }

  /** The expression, or empty when it does not parse or can never fire (such as 30 February). */
  public static Optional<Cron> parse(String expression) {
    if (expression == null) {
      return Optional.empty();
    }
    String trimmed = expression.trim();
    String expanded = NICKNAMES.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    String[] parts = expanded.split("\\s+");
    String[] fields;
    if (parts.length == 5) {
      fields = new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
    } else if (parts.length == 6) {
      fields = parts;
    } else {
      return Optional.empty();
    }
    Cron cron;
    try {
      cron = new Cron(expression, fields);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return cron.search(LocalDateTime.of(2000, 1, 1, 0, 0)) == null ? Optional.empty() : Optional.of(cron);
  }

  /** The expression as supplied. */
  public String expression() {
    return expression;
  }

  /** The first occurrence strictly after {@code epochMs}, in epoch ms (occurrences fall on whole seconds). */
  public long nextAfter(long epochMs) {
    long startSecond = Math.floorDiv(epochMs, 1000L) + 1;
    LocalDateTime found = search(LocalDateTime.ofEpochSecond(startSecond, 0, ZoneOffset.UTC));
    if (found == null) {
      throw new IllegalStateException("cron '" + expression + "' has no occurrence after " + epochMs);
    }
    try {
      return Math.multiplyExact(found.toEpochSecond(ZoneOffset.UTC), 1000L);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Whether an occurrence falls on the whole second containing {@code epochMs}. */
  public boolean matches(long epochMs) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMs, 1000L), 0, ZoneOffset.UTC);
    return months.get(t.getMonthValue())
        && dayMatches(t)
        && hours.get(t.getHour())
        && minutes.get(t.getMinute())
        && seconds.get(t.getSecond());
  }

  /** The first matching second at or after {@code from}, or null within {@link #SEARCH_YEARS}. */
  private LocalDateTime search(LocalDateTime from) {
    LocalDateTime t = from;
    LocalDateTime limit = from.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).toLocalDate().atStartOfDay().plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().atStartOfDay().plusDays(1);
      } else if (!hours.get(t.getHour())) {
        int next = hours.nextSetBit(t.getHour());
        t = next < 0 ? t.toLocalDate().atStartOfDay().plusDays(1) : t.toLocalDate().atTime(next, 0);
      } else if (!minutes.get(t.getMinute())) {
        int next = minutes.nextSetBit(t.getMinute());
        LocalDateTime hour = t.withMinute(0).withSecond(0);
        t = next < 0 ? hour.plusHours(1) : hour.withMinute(next);
      } else if (!seconds.get(t.getSecond())) {
        int next = seconds.nextSetBit(t.getSecond());
        LocalDateTime minute = t.withSecond(0);
        t = next < 0 ? minute.plusMinutes(1) : minute.withSecond(next);
      } else {
        return t;
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private static boolean isStar(String field) {
    return field.startsWith("*") || field.equals("?");
  }

  /**
   * Parses one field into the set of allowed values. {@code names} are matched case-insensitively and map to
   * {@code nameBase + index}; {@code ?} is allowed only in the day fields.
   */
  private static BitSet field(
      String text, int min, int max, List<String> names, int nameBase, boolean dayField) {
    BitSet set = new BitSet(max + 1);
    for (String item : text.split(",", -1)) {
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(item.substring(slash + 1), 1, max);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        if (range.equals("?") && !dayField) {
          throw new IllegalArgumentException("'?' only in the day fields");
        }
        from = min;
        to = max;
      } else {
        int dash = range.indexOf('-');
        if (dash > 0) {
          from = value(range.substring(0, dash), min, max, names, nameBase);
          to = value(range.substring(dash + 1), min, max, names, nameBase);
          if (from > to) {
            throw new IllegalArgumentException("descending range " + range);
          }
        } else {
          from = value(range, min, max, names, nameBase);
          to = slash >= 0 ? max : from;
        }
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int value(String text, int min, int max, List<String> names, int nameBase) {
    int named = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return nameBase + named;
    }
    return number(text, min, max);
  }

  private static int number(String text, int min, int max) {
    if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a number: '" + text + "'");
    }
    int n = Integer.parseInt(text);
    if (n < min || n > max) {
      throw new IllegalArgumentException(n + " outside " + min + "-" + max);
    }
    return n;
  }
}
