package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fat jar ({@code java -jar sustain-server.jar serve ...}) as a child process on a free port, found by the
 * startup line it prints. Its stderr goes to a log file shown when something fails.
 */
final class ServerProcess {
  private static final Pattern LISTENING = Pattern.compile("Sustain listening on http://[^:]+:(\\d+) ");

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The fat jar built by {@code package}; failsafe passes its path. */
  static Path jar() {
    String property = System.getProperty("sustain.server.jar", "target/sustain-server.jar");
    Path jar = Path.of(property);
    assertTrue(Files.isRegularFile(jar), "fat jar missing at " + jar.toAbsolutePath() + "; run mvn package first");
    return jar;
  }

  static ServerProcess start(Path db, Path log, String... flags) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString(), "serve",
        "--port", "0", "--bind", "127.0.0.1", "--db", db.toString()));
    command.addAll(List.of(flags));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> readPort(process));
    try {
      return new ServerProcess(process, port.get(30, TimeUnit.SECONDS), log);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("server did not start; its log:\n" + Files.readString(log), e);
    }
  }

  private static int readPort(Process process) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      throw new IllegalStateException("server exited without printing its listening line");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  RpcClient client() {
    return new RpcClient(URI.create("http://127.0.0.1:" + port));
  }

  /** SIGKILL on Linux: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM on Linux; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("server ignored SIGTERM for 60 s");
    }
    return process.exitValue();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** Last resort for a failed test: never leave a server running. */
  void destroy() {
    process.destroyForcibly();
  }
}
