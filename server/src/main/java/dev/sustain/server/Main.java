package dev.sustain.server;

import dev.sustain.server.config.ConfigException;
import dev.sustain.server.config.ConfigLoader;
import dev.sustain.server.config.LogSetup;
import dev.sustain.server.config.ServerConfig;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The {@code sustain-server.jar} entry point: {@code serve [flags]}, {@code help}. Subcommands dispatch through
 * one table so the CLI client and migrations can join it. Thin: configuration lives in
 * {@link ConfigLoader}, wiring in {@link SustainServer}.
 *
 * <p>Exit codes: 0 after a clean shutdown, 1 when the server cannot start or its shutdown failed, 2 for a usage
 * or configuration error.
 */
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  /** Extra time past the shutdown timeout for the timers and the store to finish after the last request. */
  private static final long CLOSE_GRACE_MS = 5_000;

  @FunctionalInterface
  private interface Command {
    /** Returns an exit code, or -1 to keep the process running (a server is up). */
    int run(List<String> args);
  }

  private Main() {}

  public static void main(String[] args) {
    Map<String, Command> commands = new LinkedHashMap<>();
    commands.put("serve", Main::serve);
    commands.put("help", rest -> usage(System.out, commands));

    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      int code = usage(args.length == 0 ? System.err : System.out, commands);
      System.exit(args.length == 0 ? 2 : code);
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      System.err.println("error: unknown command '" + args[0] + "'");
      usage(System.err, commands);
      System.exit(2);
    }
    int code = command.run(Arrays.asList(args).subList(1, args.length));
    if (code >= 0) {
      System.exit(code);
    }
  }

  private static int usage(PrintStream out, Map<String, Command> commands) {
    out.println("Usage: java -jar sustain-server.jar <command> [flags]");
    out.println();
    out.println("Commands: " + String.join(", ", commands.keySet()));
    out.println("  serve   run the server (serve --help lists its flags)");
    out.println("  help    print this help");
    return 0;
  }

  private static int serve(List<String> args) {
    if (ConfigLoader.wantsHelp(args)) {
      System.out.print(ConfigLoader.usage());
      return 0;
    }
    ServerConfig config;
    try {
      config = ConfigLoader.load(System.getenv(), args);
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    LogSetup.apply(config.level());
    // Vert.x threads keep the JVM alive; the main thread only waits for startup to finish.
    SustainServer server;
    try {
      server = awaitStart(config);
    } catch (Exception e) {
      System.err.println("error: the server could not start: " + describe(e));
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(server), "sustain-shutdown"));
    System.out.println("Sustain listening on http://" + config.http().bind() + ":" + server.port()
        + " (store: " + server.storeDescription() + ")");
    System.out.flush();
    return -1;
  }

  private static SustainServer awaitStart(ServerConfig config) throws Exception {
    return SustainServer.start(config).toCompletionStage().toCompletableFuture().get();
  }

  /**
   * Runs on SIGTERM/SIGINT: drains and closes the server, then halts with 0 (or 1 if draining failed). Halting
   * is what makes a drained shutdown exit 0; the JVM would otherwise report the signal (143 for SIGTERM).
   */
  private static void shutdown(SustainServer server) {
    long budget = server.config().http().shutdownTimeout() + CLOSE_GRACE_MS;
    CountDownLatch closed = new CountDownLatch(1);
    boolean[] failed = {false};
    server.close().onComplete(result -> {
      if (result.failed()) {
        failed[0] = true;
        LOG.severe("Shutdown failed: " + result.cause());
      }
      closed.countDown();
    });
    boolean done;
    try {
      done = closed.await(budget, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      LOG.severe("Shutdown did not finish within " + budget + " ms");
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(done && !failed[0] ? 0 : 1);
  }

  /**
   * The cause chain in one line, e.g. {@code cannot open /x/sustain.db: NoSuchFileException: /x}: each message
   * once, the root cause with its type (its message alone is often just a path), future wrappers left out.
   */
  private static String describe(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ExecutionException || t instanceof CompletionException) {
        continue;
      }
      boolean root = t.getCause() == null || t.getCause() == t;
      String message = t.getMessage();
      String part = root ? t.getClass().getSimpleName() + (message == null ? "" : ": " + message) : message;
      if (part != null && out.indexOf(part) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(part);
      }
    }
    return out.toString();
  }
}
