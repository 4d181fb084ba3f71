package dev.sustain.server.config;

/**
 * How the router hands outbox messages to workers (Sustain's answer to the Rust section {@code messages}).
 *
 * @param outstandingTimeout ms an execute sent to a poll connection counts against that connection's load while
 *     no worker acquires, releases or fulfils the task; default {@value #DEFAULT_OUTSTANDING_TIMEOUT}
 * @param parkedPerGroup messages held in memory for a poll group with no eligible member; more stay in the outbox
 *     only; default {@value #DEFAULT_PARKED_PER_GROUP}
 * @param sweepInterval ms between passes that re-read the outbox and route what is neither in flight nor parked
 *     (restart recovery, failed pushes); default {@value #DEFAULT_SWEEP_INTERVAL}
 * @param sweepBatch outbox rows read per pass; default {@value #DEFAULT_SWEEP_BATCH}
 * @param redeliveryBackoff ms a message whose HTTP push failed waits before a pass sends it again; a fresh commit
 *     of the message (task retry timer) is sent at once regardless; default {@value #DEFAULT_REDELIVERY_BACKOFF}
 */
public record DeliveryConfig(
    long outstandingTimeout, int parkedPerGroup, long sweepInterval, int sweepBatch, long redeliveryBackoff) {
  /** 30 000 ms: the default task retry interval, after which the task is announced again anyway. */
  public static final long DEFAULT_OUTSTANDING_TIMEOUT = 30_000L;

  /** 10 000 messages. */
  public static final int DEFAULT_PARKED_PER_GROUP = 10_000;

  /** 5 000 ms. */
  public static final long DEFAULT_SWEEP_INTERVAL = 5_000L;

  /** 1 000 rows. */
  public static final int DEFAULT_SWEEP_BATCH = 1_000;

  /** 30 000 ms: the default task retry interval. */
  public static final long DEFAULT_REDELIVERY_BACKOFF = 30_000L;

  public static final DeliveryConfig DEFAULT =
      new DeliveryConfig(
          DEFAULT_OUTSTANDING_TIMEOUT,
          DEFAULT_PARKED_PER_GROUP,
          DEFAULT_SWEEP_INTERVAL,
          DEFAULT_SWEEP_BATCH,
          DEFAULT_REDELIVERY_BACKOFF);

  public DeliveryConfig {
    if (outstandingTimeout < 1 || sweepInterval < 1 || redeliveryBackoff < 0) {
      throw new IllegalArgumentException(
          "delivery intervals must be positive: " + outstandingTimeout + ", " + sweepInterval + ", "
              + redeliveryBackoff);
    }
    if (parkedPerGroup < 0 || sweepBatch < 1) {
      throw new IllegalArgumentException(
          "parkedPerGroup must not be negative and sweepBatch must be positive: " + parkedPerGroup + ", "
              + sweepBatch);
    }
  }
}
