package dev.sustain.server.it;

import dev.sustain.protocol.envelope.Response;
import dev.sustain.protocol.message.DebugReset;
import dev.sustain.protocol.message.DebugStart;
import dev.sustain.protocol.message.RequestData;
import dev.sustain.server.conformance.ProtocolDriver;

/**
 * Drives a server in debug mode over HTTP: every request carries {@code resonate:debug_time = now}, and a reset
 * empties the tables and pauses the background loops ({@code debug.reset}, {@code debug.start}), so only the
 * suite's {@code debug.tick}s move timers.
 */
final class HttpDriver implements ProtocolDriver {
  private final RpcClient client;

  HttpDriver(RpcClient client) {
    this.client = client;
  }

  @Override
  public Response<?> send(RequestData data, long now) {
    return client.send(data, now);
  }

  @Override
  public void reset() {
    for (RequestData control : new RequestData[] {new DebugStart(), new DebugReset()}) {
      Response<?> response = client.send(control, null);
      if (response.status() != 200) {
        throw new IllegalStateException(control.kind() + " answered " + response);
      }
    }
  }
}
