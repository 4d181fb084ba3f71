package dev.sustain.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies (microseconds) and errors of one operation. Any thread records (HdrHistogram's {@link Recorder} is
 * wait-free for writers); one reporter thread calls {@link #tick} once a second, which swaps out the interval
 * and, once warm-up is over, adds it to the run's total.
 */
public final class OpMetric {
  /** Distinct error reasons kept per operation, so a broken run says why without unbounded memory. */
  private static final int MAX_REASONS = 8;

  private final String name;
  private final Recorder recorder = new Recorder(3);
  private final LongAdder errors = new LongAdder();
  private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
  private final Histogram total = new Histogram(3);
  private Histogram interval;
  private long totalErrors;

  OpMetric(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** One success that took {@code micros}. */
  public void record(long micros) {
    recorder.recordValue(Math.max(0, micros));
  }

  /** One success that started at {@code startNanos} ({@link System#nanoTime}) and ends now. */
  public void recordSince(long startNanos) {
    record((System.nanoTime() - startNanos) / 1_000);
  }

  public void error(String reason) {
    errors.increment();
    LongAdder count = reasons.get(reason);
    if (count == null && reasons.size() < MAX_REASONS) {
      count = reasons.computeIfAbsent(reason, r -> new LongAdder());
    }
    if (count != null) {
      count.increment();
    }
  }

  /** Reporter thread only: the last second's histogram and errors, added to the total when {@code measuring}. */
  Interval tick(boolean measuring) {
    interval = recorder.getIntervalHistogram(interval);
    long intervalErrors = errors.sumThenReset();
    if (measuring) {
      total.add(interval);
      totalErrors += intervalErrors;
    }
    return new Interval(interval.getTotalCount(), intervalErrors, interval.getValueAtPercentile(50),
        interval.getValueAtPercentile(99));
  }

  /** Reporter thread only, after the last tick. */
  Histogram total() {
    return total;
  }

  long totalErrors() {
    return totalErrors;
  }

  Map<String, Long> reasons() {
    Map<String, Long> out = new TreeMap<>();
    reasons.forEach((reason, count) -> out.put(reason, count.sum()));
    return out;
  }

  /** One second of one operation, for the progress line. */
  record Interval(long count, long errors, long p50Micros, long p99Micros) {}
}
