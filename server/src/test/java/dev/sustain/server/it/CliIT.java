package dev.sustain.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the fat jar: help, exit codes and the one-line errors of bad settings. */
class CliIT {
  @TempDir Path dir;

  /** Exit code, stdout and stderr of one run. */
  private record Run(int exit, String out, String err) {}

  @Test
  void helpListsCommandsAndServeFlags() throws Exception {
    Run help = run(Map.of(), "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("serve"), help.out());
    Run serveHelp = run(Map.of(), "serve", "--help");
    assertEquals(0, serveHelp.exit());
    assertTrue(serveHelp.out().contains("--port N"), serveHelp.out());
    assertTrue(serveHelp.out().contains("RESONATE_STORAGE__SQLITE__PATH"), serveHelp.out());
  }

  @Test
  void usageErrorsExitWith2AndOneLine() throws Exception {
    Run none = run(Map.of());
    assertEquals(2, none.exit());
    Run unknown = run(Map.of(), "frobnicate");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("error: unknown command 'frobnicate'"), unknown.err());
    Run flag = run(Map.of(), "serve", "--prot", "1");
    assertEquals(new Run(2, "", "error: Unknown flag --prot (see --help)\n"), flag);
    Run env = run(Map.of("RESONATE_SERVER__PORT", "eighty"), "serve");
    assertEquals(new Run(2, "", "error: RESONATE_SERVER__PORT: expected an integer from 0 to 65535, got 'eighty'\n"),
        env);
  }

  @Test
  void aStoreThatCannotOpenExitsWith1NamingTheFile() throws Exception {
    Path notADatabase = dir.resolve("not.db");
    Files.writeString(notADatabase, "this is not a SQLite file, and the server must say so");
    Run run = run(Map.of(), "serve", "--port", "0", "--db", notADatabase.toString());
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("error: the server could not start: cannot open " + notADatabase), run.err());
  }

  private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        ServerProcess.jar().toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("RESONATE_") || key.startsWith("SUSTAIN_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the command did not finish: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
