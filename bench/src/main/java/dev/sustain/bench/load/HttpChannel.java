package dev.sustain.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * {@code POST /} over a pool of keep-alive HTTP/1.1 connections owned by one shard; with more than one request in
 * flight per connection the connections pipeline. Every loop of the shard shares the pool, so the pool size is the
 * shard's connection count. Event-loop confined.
 */
final class HttpChannel implements Channel {
  private final HttpClientAgent client;
  private final RequestOptions post;

  HttpChannel(Vertx vertx, String url, int connections, int inFlight) {
    URI uri = URI.create(url);
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setPipelining(inFlight > 1)
        .setPipeliningLimit(Math.max(1, inFlight))
        .setConnectTimeout(5_000);
    this.client = vertx.httpClientBuilder()
        .with(options)
        .with(new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1))
        .build();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    this.post = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(uri.getHost())
        .setPort(uri.getPort() < 0 ? 80 : uri.getPort())
        .setURI(path)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
  }

  @Override
  public Future<Answer> send(String corrId, byte[] body) {
    return client.request(post)
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body()
            .map(text -> new Answer(response.statusCode(), response.statusCode() == 200 ? null : text.toString())));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
