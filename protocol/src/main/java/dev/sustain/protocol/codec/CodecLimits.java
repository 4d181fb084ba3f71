package dev.sustain.protocol.codec;

/**
 * Bounds applied while parsing untrusted JSON, so a hostile body cannot exhaust memory or stack.
 *
 * @param maxDocumentBytes largest accepted body in bytes
 * @param maxNestingDepth deepest accepted object/array nesting
 * @param maxStringLength longest accepted string value, in characters
 */
public record CodecLimits(int maxDocumentBytes, int maxNestingDepth, int maxStringLength) {
  /** 10 MiB: far above any SDK payload, low enough to bound one request's memory. */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

  /** 64: the protocol nests at most ~8 levels (fence response inside an envelope); 64 leaves room for user headers. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  /** 5 MiB characters: a base64 payload may be most of a body, but not two of them. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 5 * 1024 * 1024;

  public static final CodecLimits DEFAULT =
      new CodecLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH);

  public CodecLimits {
    if (maxDocumentBytes < 1 || maxNestingDepth < 1 || maxStringLength < 1) {
      throw new IllegalArgumentException("codec limits must be positive: " + maxDocumentBytes + ", "
          + maxNestingDepth + ", " + maxStringLength);
    }
  }
}
