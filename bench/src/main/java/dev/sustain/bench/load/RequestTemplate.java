package dev.sustain.bench.load;

import dev.sustain.protocol.codec.ProtocolCodec;
import dev.sustain.protocol.envelope.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A request encoded once by the {@link ProtocolCodec}, with fixed-width slots for a numeric id suffix and the
 * {@code corrId}, patched per request. The codec alone decides the JSON; the generator only overwrites slot
 * characters with digits, so every request is byte-for-byte what the codec would have produced for that id and
 * corrId, without paying for an encode per request. Immutable and thread-safe.
 */
public final class RequestTemplate {
  /** Digits in a slot: room for 10^12 requests per run and shard. */
  public static final int WIDTH = 12;

  private static final String ID_SLOT = "@".repeat(WIDTH);
  private static final String CORR_SLOT = "#".repeat(WIDTH);

  private final byte[] encoded;
  private final int[] idAt;
  private final int[] corrAt;

  private RequestTemplate(byte[] encoded, int[] idAt, int[] corrAt) {
    this.encoded = encoded;
    this.idAt = idAt;
    this.corrAt = corrAt;
  }

  /**
   * Encodes {@code build.apply(idSlot, corrSlot)}; the builder puts {@code idSlot} at the end of every id that
   * varies per request (the id becomes {@code prefix + digits(n)}) and uses {@code corrSlot} as the corrId.
   */
  public static RequestTemplate of(ProtocolCodec codec, BiFunction<String, String, Request<?>> build) {
    byte[] encoded = codec.encodeRequest(build.apply(ID_SLOT, CORR_SLOT));
    int[] corrAt = find(encoded, CORR_SLOT);
    if (corrAt.length != 1) {
      throw new IllegalArgumentException("the template must carry the corrId slot exactly once, found "
          + corrAt.length + " in " + new String(encoded, StandardCharsets.UTF_8));
    }
    return new RequestTemplate(encoded, find(encoded, ID_SLOT), corrAt);
  }

  /** The request for id suffix {@code id} and corrId {@code corr}. */
  public byte[] render(long id, long corr) {
    byte[] out = encoded.clone();
    for (int at : idAt) {
      writeDigits(out, at, id);
    }
    writeDigits(out, corrAt[0], corr);
    return out;
  }

  /** The id or corrId string a slot renders to for {@code n}. */
  public static String digits(long n) {
    byte[] out = new byte[WIDTH];
    writeDigits(out, 0, n);
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private static void writeDigits(byte[] out, int at, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("slot values are non-negative, got " + n);
    }
    long rest = n;
    for (int i = at + WIDTH - 1; i >= at; i--) {
      out[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    if (rest != 0) {
      throw new IllegalArgumentException(n + " does not fit in " + WIDTH + " digits");
    }
  }

  private static int[] find(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    List<Integer> at = new ArrayList<>();
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      at.add(i);
      i += n.length - 1;
    }
    return at.stream().mapToInt(Integer::intValue).toArray();
  }
}
