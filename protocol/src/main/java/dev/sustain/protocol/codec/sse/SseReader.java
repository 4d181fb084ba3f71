package dev.sustain.protocol.codec.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental {@code text/event-stream} parser (WHATWG HTML §9.2.6): fed arbitrary byte chunks as they arrive,
 * it reports each complete event and comment. Lines may end in {@code \n}, {@code \r\n} or {@code \r}, also when
 * the {@code \r} and {@code \n} arrive in different chunks; a UTF-8 sequence may be split across chunks.
 *
 * <p>Bounded: a line longer than {@code maxLineBytes} or an event whose data exceeds {@code maxEventBytes} fails the
 * {@link #feed} call with {@link SseLimitException}, so a misbehaving server cannot exhaust the reader's memory.
 *
 * <p>Not thread-safe: one reader per stream, fed from one thread at a time.
 */
public final class SseReader {

  /** Receives what the reader parses, synchronously inside {@link #feed}. */
  public interface Listener {
    /** A complete event with non-empty data. */
    void event(SseEvent event);

    /** A comment line; the text after {@code :} with one leading space removed. */
    default void comment(String text) {}
  }

  /** 1 MiB more than the largest protocol body the server accepts is far more than any message needs. */
  public static final int DEFAULT_MAX_LINE_BYTES = 11 * 1024 * 1024;

  /** Same as {@link #DEFAULT_MAX_LINE_BYTES}: the server writes one data line per event. */
  public static final int DEFAULT_MAX_EVENT_BYTES = DEFAULT_MAX_LINE_BYTES;

  private static final int BOM_0 = 0xEF;
  private static final int BOM_1 = 0xBB;
  private static final int BOM_2 = 0xBF;

  private final Listener listener;
  private final int maxLineBytes;
  private final int maxEventBytes;

  private byte[] line = new byte[256];
  private int lineLength;
  private boolean afterCr;
  private boolean firstLine = true;

  private final StringBuilder data = new StringBuilder();
  private int dataBytes;
  private boolean hasData;
  private String type = "";
  private String lastEventId = "";
  private long retry = -1;

  public SseReader(Listener listener) {
    this(listener, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_EVENT_BYTES);
  }

  public SseReader(Listener listener, int maxLineBytes, int maxEventBytes) {
    this.listener = Objects.requireNonNull(listener, "listener");
    if (maxLineBytes < 1 || maxEventBytes < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxLineBytes + ", " + maxEventBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.maxEventBytes = maxEventBytes;
  }

  public void feed(byte[] chunk) {
    feed(chunk, 0, chunk.length);
  }

  /** Parses {@code len} bytes of {@code chunk} from {@code offset}, reporting every event they complete. */
  public void feed(byte[] chunk, int offset, int len) {
    Objects.checkFromIndexSize(offset, len, chunk.length);
    int end = offset + len;
    for (int i = offset; i < end; i++) {
      byte b = chunk[i];
      if (afterCr) {
        afterCr = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\r') {
        afterCr = true;
        endLine();
      } else if (b == '\n') {
        endLine();
      } else {
        append(b);
      }
    }
  }

  /** The {@code id:} of the last event that set one, {@code ""} if none; what a reconnect sends as Last-Event-ID. */
  public String lastEventId() {
    return lastEventId;
  }

  /** The last valid {@code retry:} value in ms, or -1 if the stream sent none. */
  public long retry() {
    return retry;
  }

  private void append(byte b) {
    if (lineLength == maxLineBytes) {
      throw new SseLimitException("SSE line longer than " + maxLineBytes + " bytes");
    }
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxLineBytes));
    }
    line[lineLength++] = b;
  }

  private void endLine() {
    int start = 0;
    if (firstLine) {
      firstLine = false;
      if (lineLength >= 3
          && (line[0] & 0xFF) == BOM_0
          && (line[1] & 0xFF) == BOM_1
          && (line[2] & 0xFF) == BOM_2) {
        start = 3;
      }
    }
    int length = lineLength - start;
    lineLength = 0;
    if (length == 0) {
      dispatch();
      return;
    }
    if (line[start] == ':') {
      listener.comment(text(start + 1, length - 1));
      return;
    }
    int colon = -1;
    for (int i = start; i < start + length; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      field(text(start, length), "", 0);
    } else {
      int valueStart = colon + 1;
      int valueLength = start + length - valueStart;
      field(new String(line, start, colon - start, StandardCharsets.UTF_8), text(valueStart, valueLength), valueLength);
    }
    if (line.length > 64 * 1024) {
      // One huge event must not pin its buffer for the rest of a long-lived stream.
      line = new byte[256];
    }
  }

  /** Decodes a field value or comment, dropping the single space that conventionally follows the colon. */
  private String text(int from, int length) {
    if (length > 0 && line[from] == ' ') {
      from++;
      length--;
    }
    return new String(line, from, length, StandardCharsets.UTF_8);
  }

  private void field(String name, String value, int valueBytes) {
    switch (name) {
      case "data" -> {
        dataBytes += valueBytes + 1;
        if (dataBytes > maxEventBytes + 1) {
          throw new SseLimitException("SSE event data longer than " + maxEventBytes + " bytes");
        }
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> type = value;
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.length() < 19 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          retry = Long.parseLong(value);
        }
      }
      default -> {
        // Unknown fields are ignored, as the standard requires.
      }
    }
  }

  private void dispatch() {
    if (!hasData) {
      type = "";
      return;
    }
    SseEvent event = new SseEvent(type.isEmpty() ? SseEvent.MESSAGE : type, data.toString(), lastEventId);
    data.setLength(0);
    if (data.capacity() > 64 * 1024) {
      data.trimToSize();
    }
    dataBytes = 0;
    hasData = false;
    type = "";
    listener.event(event);
  }
}
