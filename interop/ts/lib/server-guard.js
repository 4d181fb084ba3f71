// Runs the server under test as its child and makes sure it never outlives the
// harness: when the IPC channel to the harness closes (the harness exited or was
// killed), the server is SIGKILLed. The harness starts this guard in its own
// process group, so that killing the group takes the server with it.
//
//   node lib/server-guard.js <command> [args...]
//
// Sends {pid} (the server's pid) to the parent once spawned. Accepts {op: "term"}
// (SIGTERM the server). Exits with the server's exit status.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
const server = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });

server.on("error", (e) => {
  console.error(`server-guard: cannot start ${command}: ${e.message}`);
  process.exit(127);
});
server.on("spawn", () => process.send?.({ pid: server.pid }));
server.on("exit", (code, signal) => {
  console.log(`server-guard: server exited (code ${code}, signal ${signal})`);
  process.exit(code ?? 128);
});

process.on("message", (m) => {
  if (m?.op === "term") server.kill("SIGTERM");
});
process.on("disconnect", () => {
  server.kill("SIGKILL");
  process.exit(2);
});
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(sig, () => {
    server.kill("SIGKILL");
    process.exit(2);
  });
}
