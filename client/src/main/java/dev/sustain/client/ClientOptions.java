package dev.sustain.client;

import java.net.URI;
import java.util.Objects;

/**
 * Settings of a {@link SustainClient}, in the Vert.x options style: fluent setters, a copy constructor and
 * {@code DEFAULT_*} constants. Not thread-safe; the client copies it at construction, so later changes have no
 * effect on a running client.
 */
public class ClientOptions {
  /** {@value}: the server's default port on this machine. */
  public static final String DEFAULT_URL = "http://localhost:8001";

  /** {@link TransportKind#HTTP}: what the TypeScript SDK speaks, so it works against any Resonate server. */
  public static final TransportKind DEFAULT_TRANSPORT = TransportKind.HTTP;

  /** {@value}: the SDK's default group. */
  public static final String DEFAULT_GROUP = "default";

  /** {@value} ms: the SDK's default client-side timeout. */
  public static final long DEFAULT_REQUEST_TIMEOUT = 10_000;

  /** {@value}: requests allowed in flight at once before new ones fail fast. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

  /** {@value} ms: first delay before reconnecting a dropped socket or message stream. */
  public static final long DEFAULT_RECONNECT_BACKOFF_MIN = 100;

  /** {@value} ms: the cap of the exponential reconnect delay (the SDK's SSE cap). */
  public static final long DEFAULT_RECONNECT_BACKOFF_MAX = 30_000;

  /** {@value} ms: how long opening a connection may take. */
  public static final long DEFAULT_CONNECT_TIMEOUT = 5_000;

  /** {@value} bytes (10 MiB): the server's default document limit; larger answers are refused. */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

  /** {@value}: pooled HTTP connections to the server (HTTP transport only). */
  public static final int DEFAULT_HTTP_POOL_SIZE = 16;

  private String url = DEFAULT_URL;
  private TransportKind transport = DEFAULT_TRANSPORT;
  private String group = DEFAULT_GROUP;
  private String id;
  private String token;
  private long requestTimeout = DEFAULT_REQUEST_TIMEOUT;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private long reconnectBackoffMin = DEFAULT_RECONNECT_BACKOFF_MIN;
  private long reconnectBackoffMax = DEFAULT_RECONNECT_BACKOFF_MAX;
  private long connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private int httpPoolSize = DEFAULT_HTTP_POOL_SIZE;

  /** Options with every default. */
  public ClientOptions() {}

  /** A copy of {@code other}. */
  public ClientOptions(ClientOptions other) {
    this.url = other.url;
    this.transport = other.transport;
    this.group = other.group;
    this.id = other.id;
    this.token = other.token;
    this.requestTimeout = other.requestTimeout;
    this.maxInFlight = other.maxInFlight;
    this.reconnectBackoffMin = other.reconnectBackoffMin;
    this.reconnectBackoffMax = other.reconnectBackoffMax;
    this.connectTimeout = other.connectTimeout;
    this.maxMessageSize = other.maxMessageSize;
    this.httpPoolSize = other.httpPoolSize;
  }

  public String getUrl() {
    return url;
  }

  /**
   * The server's base URL, {@code http://host:port} (or {@code https://}); the WebSocket transport derives
   * {@code ws://host:port/ws…} from it. Default {@value #DEFAULT_URL}.
   */
  public ClientOptions setUrl(String url) {
    URI uri = URI.create(Objects.requireNonNull(url, "url"));
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("url: expected http://host[:port] or https://host[:port], got " + url);
    }
    this.url = url;
    return this;
  }

  public TransportKind getTransport() {
    return transport;
  }

  /** HTTP + SSE, or one WebSocket. Default {@link #DEFAULT_TRANSPORT}. */
  public ClientOptions setTransport(TransportKind transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  public String getGroup() {
    return group;
  }

  /** The worker group this client receives messages for ({@code poll://any@group}). Default {@value #DEFAULT_GROUP}. */
  public ClientOptions setGroup(String group) {
    this.group = requireNonEmpty(group, "group");
    return this;
  }

  public String getId() {
    return id;
  }

  /**
   * This worker's id in its group ({@code poll://uni@group/id}). When set the client registers as a worker and
   * {@link SustainClient#messages} delivers what the server sends it; when {@code null} (default) the client
   * only makes requests.
   */
  public ClientOptions setId(String id) {
    this.id = id == null ? null : requireNonEmpty(id, "id");
    return this;
  }

  public String getToken() {
    return token;
  }

  /**
   * A bearer token (JWT) sent in every request's {@code head.auth}, as {@code Authorization: Bearer} on the SSE
   * stream and on the WebSocket upgrade. Default {@code null} (no authentication).
   */
  public ClientOptions setToken(String token) {
    this.token = token;
    return this;
  }

  public long getRequestTimeout() {
    return requestTimeout;
  }

  /** Milliseconds a request may take before its future fails. Default {@value #DEFAULT_REQUEST_TIMEOUT}. */
  public ClientOptions setRequestTimeout(long requestTimeout) {
    this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
    return this;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  /**
   * Requests allowed in flight at once; one more fails at once with {@link InFlightLimitException} instead of
   * queueing without bound. Default {@value #DEFAULT_MAX_IN_FLIGHT}.
   */
  public ClientOptions setMaxInFlight(int maxInFlight) {
    this.maxInFlight = (int) requirePositive(maxInFlight, "maxInFlight");
    return this;
  }

  public long getReconnectBackoffMin() {
    return reconnectBackoffMin;
  }

  /** First reconnect delay in milliseconds. Default {@value #DEFAULT_RECONNECT_BACKOFF_MIN}. */
  public ClientOptions setReconnectBackoffMin(long reconnectBackoffMin) {
    this.reconnectBackoffMin = requirePositive(reconnectBackoffMin, "reconnectBackoffMin");
    return this;
  }

  public long getReconnectBackoffMax() {
    return reconnectBackoffMax;
  }

  /** Largest reconnect delay in milliseconds. Default {@value #DEFAULT_RECONNECT_BACKOFF_MAX}. */
  public ClientOptions setReconnectBackoffMax(long reconnectBackoffMax) {
    this.reconnectBackoffMax = requirePositive(reconnectBackoffMax, "reconnectBackoffMax");
    return this;
  }

  public long getConnectTimeout() {
    return connectTimeout;
  }

  /** Milliseconds opening a connection may take. Default {@value #DEFAULT_CONNECT_TIMEOUT}. */
  public ClientOptions setConnectTimeout(long connectTimeout) {
    this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
    return this;
  }

  public int getMaxMessageSize() {
    return maxMessageSize;
  }

  /**
   * Largest answer or pushed message accepted, in bytes; it also bounds a WebSocket message the client sends.
   * Default {@value #DEFAULT_MAX_MESSAGE_SIZE}.
   */
  public ClientOptions setMaxMessageSize(int maxMessageSize) {
    this.maxMessageSize = (int) requirePositive(maxMessageSize, "maxMessageSize");
    return this;
  }

  public int getHttpPoolSize() {
    return httpPoolSize;
  }

  /** Pooled HTTP/1.1 connections (HTTP transport). Default {@value #DEFAULT_HTTP_POOL_SIZE}. */
  public ClientOptions setHttpPoolSize(int httpPoolSize) {
    this.httpPoolSize = (int) requirePositive(httpPoolSize, "httpPoolSize");
    return this;
  }

  /** Checks the options that depend on each other; called by the client at construction. */
  void validate() {
    if (reconnectBackoffMin > reconnectBackoffMax) {
      throw new IllegalArgumentException("reconnectBackoffMin (" + reconnectBackoffMin
          + " ms) must not exceed reconnectBackoffMax (" + reconnectBackoffMax + " ms)");
    }
  }

  private static String requireNonEmpty(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected a non-empty string");
    }
    return value;
  }

  private static long requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": expected a positive number, got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "ClientOptions{url=" + url + ", transport=" + transport + ", group=" + group + ", id=" + id
        + ", token=" + (token == null ? "none" : "set") + ", requestTimeout=" + requestTimeout + ", maxInFlight="
        + maxInFlight + ", reconnectBackoff=" + reconnectBackoffMin + ".." + reconnectBackoffMax + "}";
  }
}
