package dev.sustain.server.transport.http;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;

/**
 * The REST paths of the old Go server ({@code /promises}, {@code /schedules}, {@code /tasks} and below): 410 Gone
 * with a JSON {@code error} telling the caller to update its SDK (spec §1.1), so old SDKs fail loudly instead of
 * seeing a puzzling 404.
 *
 * <p>Stateless and thread-safe.
 */
public final class LegacyEndpoint implements HttpRouter.Route {
  /** The roots whose whole subtree is legacy; register each with {@code /ROOT/*}. */
  public static final List<String> ROOTS = List.of("/promises", "/schedules", "/tasks");

  static final String MESSAGE = "This endpoint is no longer supported: Sustain speaks the Resonate Async RPC "
      + "protocol (version 2026-04-01) on POST /. Please update to the latest SDK.";

  @Override
  public void handle(HttpServerRequest request, Map<String, String> params) {
    JsonErrors.send(request.response(), 410, MESSAGE);
  }
}
