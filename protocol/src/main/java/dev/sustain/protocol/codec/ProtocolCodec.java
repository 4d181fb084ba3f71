package dev.sustain.protocol.codec;

import static dev.sustain.protocol.codec.NodeReader.INTEGER;
import static dev.sustain.protocol.codec.NodeReader.OBJECT;
import static dev.sustain.protocol.codec.NodeReader.present;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sustain.protocol.Kind;
import dev.sustain.protocol.ProtocolVersion;
import dev.sustain.protocol.envelope.Request;
import dev.sustain.protocol.envelope.RequestHead;
import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.Message;
import dev.sustain.protocol.message.RequestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON codec of the protocol, for both ends: the server decodes requests and encodes responses and
 * messages; the client does the opposite. Decoding goes through a bounded Jackson tree (limits from
 * {@link CodecLimits}) and hand-written per-kind decoders that report the failing JSON path; encoding streams
 * with a {@link JsonGenerator}, without reflection. Immutable and thread-safe: one instance serves every
 * event loop.
 */
public final class ProtocolCodec {
  /** The head key carrying a debug-mode {@code now}. */
  public static final String DEBUG_TIME = "resonate:debug_time";

  /** A codec with {@link CodecLimits#DEFAULT}. */
  public static final ProtocolCodec DEFAULT = new ProtocolCodec(CodecLimits.DEFAULT);

  private static final String NON_EMPTY_STRING = "expected a non-empty string";
  private static final int MAX_REASON_LENGTH = 120;

  private final CodecLimits limits;
  private final JsonFactory factory;
  private final ObjectReader reader;

  public ProtocolCodec(CodecLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    StreamReadConstraints constraints = StreamReadConstraints.builder()
        .maxDocumentLength(limits.maxDocumentBytes())
        .maxNestingDepth(limits.maxNestingDepth())
        .maxStringLength(limits.maxStringLength())
        .build();
    // Duplicate keys are rejected so that what authorization peeks at (RawData) is what the handler decodes.
    this.factory = JsonFactory.builder()
        .streamReadConstraints(constraints)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.reader = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build()
        .reader();
  }

  public CodecLimits limits() {
    return limits;
  }

  /**
   * Spec §1.5 steps 1–4: the body is a JSON object; {@code kind} a non-empty string; {@code head} an object
   * with string {@code corrId} and {@code version}, optional string {@code auth} and optional integer
   * {@code resonate:debug_time} (other string keys are kept in {@link RequestHead#extra()}, other values
   * ignored); {@code data} an object; the version supported. The kind is not resolved here.
   */
  public Envelope decodeEnvelope(byte[] body) throws DecodeException {
    JsonNode root = parse(body);
    JsonNode kindNode = root.get("kind");
    String kind = kindNode != null && kindNode.isTextual() ? kindNode.textValue() : null;
    JsonNode head = present(root, "head");
    String corrId = head != null ? NodeReader.textOrNull(head, "corrId") : null;
    NodeReader in = new NodeReader(kind, corrId);
    if (kind == null) {
      throw in.fail("kind", NON_EMPTY_STRING);
    }
    if (head == null || !head.isObject()) {
      throw in.fail("head", OBJECT);
    }
    RequestHead requestHead = requestHead(in, head);
    if (kind.isEmpty()) {
      throw in.fail("kind", NON_EMPTY_STRING);
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw in.fail("data", OBJECT);
    }
    if (!ProtocolVersion.isSupported(requestHead.version())) {
      throw in.fail("head.version", "unsupported protocol version '" + requestHead.version()
          + "', supported versions: " + ProtocolVersion.SUPPORTED);
    }
    return new Envelope(kind, requestHead, new RawData((ObjectNode) data));
  }

  private static RequestHead requestHead(NodeReader in, JsonNode head) throws DecodeException {
    String corrId = in.string(head, "head", "corrId");
    String version = in.string(head, "head", "version");
    String auth = in.optString(head, "head", "auth");
    Long debugTime = in.optInteger(head, "head", DEBUG_TIME, INTEGER);
    Map<String, String> extra = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = head.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      boolean known = key.equals("corrId") || key.equals("version") || key.equals("auth") || key.equals(DEBUG_TIME);
      if (!known && field.getValue().isTextual()) {
        extra.put(key, field.getValue().textValue());
      }
    }
    return new RequestHead(corrId, version, auth, debugTime, extra);
  }

  /** Spec §1.5 step 9: the JSON types and required fields of {@code kind}'s data; value rules are not checked. */
  public RequestData decodeData(Kind kind, Envelope envelope) throws DecodeException {
    NodeReader in = new NodeReader(envelope.kind(), envelope.head().corrId());
    return RequestDecoder.decode(in, kind, envelope.data().node());
  }

  /** {@link #decodeEnvelope}, then the kind ({@code kind: unknown operation '…'}), then {@link #decodeData}. */
  public Request<?> decodeRequest(byte[] body) throws DecodeException {
    Envelope envelope = decodeEnvelope(body);
    Kind kind = Kind.fromWire(envelope.kind()).orElse(null);
    if (kind == null) {
      throw new DecodeException(envelope.kind(), envelope.head().corrId(), "kind",
          "unknown operation '" + envelope.kind() + "'");
    }
    return new Request<>(envelope.head(), decodeData(kind, envelope));
  }

  public byte[] encodeResponse(Response<?> response) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      WireWriter.response(g, response);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  public byte[] encodeRequest(Request<?> request) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      WireWriter.request(g, request);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Client side: a response to a request of {@code kind}. Status 200 (and 300 for {@code task.suspend}) decode
   * to that kind's typed result, every other status to an {@code ErrorMessage}, whose data must be a string.
   */
  public Response<?> decodeResponse(Kind kind, byte[] body) throws DecodeException {
    JsonNode root = parse(body);
    JsonNode head = present(root, "head");
    String corrId = head != null ? NodeReader.textOrNull(head, "corrId") : null;
    return ResponseDecoder.envelope(new NodeReader(kind.wire(), corrId), root, "", kind);
  }

  /**
   * {@code {"error": message}}: the body of HTTP answers outside the RPC protocol — 404/405 and the 410 of the
   * legacy REST paths (spec §1.1) — which are plain JSON objects, not envelopes.
   */
  public byte[] encodeHttpError(String message) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  public byte[] encodeMessage(Message message) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      WireWriter.message(g, message);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding to memory failed", e);
    }
    return out.toByteArray();
  }

  public Message decodeMessage(byte[] json) throws DecodeException {
    JsonNode root = parse(json);
    String kind = NodeReader.textOrNull(root, "kind");
    return ResponseDecoder.message(new NodeReader(kind, null), root, "");
  }

  /** Parses a body that must be one JSON object within the limits. */
  private JsonNode parse(byte[] body) throws DecodeException {
    if (body.length > limits.maxDocumentBytes()) {
      throw bodyError("expected at most " + limits.maxDocumentBytes() + " bytes");
    }
    JsonNode root;
    try {
      root = reader.readTree(body);
    } catch (StreamConstraintsException e) {
      throw bodyError(constraintExpectation(e));
    } catch (JsonProcessingException e) {
      throw bodyError("expected a JSON object (" + reason(e) + ")");
    } catch (IOException e) {
      throw bodyError("expected a JSON object (" + e.getMessage() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw bodyError("expected a JSON object (empty body)");
    }
    if (!root.isObject()) {
      throw bodyError("expected a JSON object");
    }
    return root;
  }

  private static DecodeException bodyError(String expectation) {
    return new DecodeException(null, null, "body", expectation);
  }

  /**
   * Jackson reports every exceeded constraint with the same exception type; its message prefix tells which,
   * and the answer names our limit rather than Jackson's configuration API.
   */
  private String constraintExpectation(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Document nesting depth")) {
      return "expected JSON nested at most " + limits.maxNestingDepth() + " levels deep";
    }
    if (message.startsWith("String value length")) {
      return "expected strings of at most " + limits.maxStringLength() + " characters";
    }
    if (message.startsWith("Document length")) {
      return "expected at most " + limits.maxDocumentBytes() + " bytes";
    }
    return "expected a JSON object within the parser limits (" + reason(e) + ")";
  }

  /**
   * The parser's first sentence plus its line/column, without Jackson's source dump; the trailing-token
   * message, which names Jackson's configuration, is replaced by a plain one.
   */
  private static String reason(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Trailing token")) {
      message = "Unexpected content after the JSON object";
    }
    int cut = message.indexOf('\n');
    if (cut >= 0) {
      message = message.substring(0, cut);
    }
    cut = message.indexOf(" (start marker");
    if (cut >= 0) {
      message = message.substring(0, cut);
    }
    if (message.length() > MAX_REASON_LENGTH) {
      message = message.substring(0, MAX_REASON_LENGTH) + "…";
    }
    JsonLocation at = e.getLocation();
    return at == null ? message : message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
