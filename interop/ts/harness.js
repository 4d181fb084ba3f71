// Interop harness: runs the scenarios in scenarios.js with the unmodified official
// TypeScript SDK (@resonatehq/sdk, pinned in package.json) against a freshly started
// Sustain server.
//
//   node harness.js [--jar PATH] [--only 1,5,13] [--keep] [--verbose] [--stub]
//
//   --jar PATH   server jar (default: ../../server/target/sustain-server.jar; env SUSTAIN_JAR)
//   --only LIST  run only these scenario numbers
//   --keep       keep the temp dir (db, logs, events) even when everything passes
//   --verbose    SDK info/debug logs into the agent logs
//   --trace      put a logging proxy between the SDK processes and the server; every RPC
//                exchange and SSE message goes to <work dir>/wire.jsonl (for bug reports)
//   --stub       HARNESS SELF-TEST: run against the SDK's own in-memory model behind
//                HTTP+SSE (lib/stub-server.js) instead of the jar
//
// Extra server options can be appended with env SUSTAIN_SERVER_ARGS (space-separated).
// Exit status: 0 if every scenario passed, 1 if any failed, 2 on a setup error.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTraceProxy } from "./lib/trace-proxy.js";
import { Agent, delay, freePort, killAll, liveProcesses, ServerProcess } from "./lib/procs.js";
import { SCENARIOS } from "./scenarios.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = { jar: process.env.SUSTAIN_JAR ?? path.resolve(HERE, "../../server/target/sustain-server.jar"), only: null, keep: false, verbose: false, stub: false, trace: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--jar") opts.jar = path.resolve(argv[++i]);
    else if (a === "--only") opts.only = new Set(argv[++i].split(",").map((s) => Number.parseInt(s, 10)));
    else if (a === "--keep") opts.keep = true;
    else if (a === "--verbose") opts.verbose = true;
    else if (a === "--stub") opts.stub = true;
    else if (a === "--trace") opts.trace = true;
    else {
      console.error(`unknown argument ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

function tail(file, lines) {
  try {
    const all = readFileSync(file, "utf8").trimEnd().split("\n");
    return all.slice(-lines);
  } catch {
    return [];
  }
}

function readEvents(file) {
  if (!existsSync(file)) return [];
  const out = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // a line torn by a SIGKILL mid-write; ignore
    }
  }
  return out;
}

let cleaningUp = false;
async function cleanupAndExit(code) {
  if (cleaningUp) return;
  cleaningUp = true;
  await killAll();
  process.exit(code);
}
process.on("SIGINT", () => cleanupAndExit(130));
process.on("SIGTERM", () => cleanupAndExit(143));
process.on("exit", () => {
  // Last resort, synchronous: nothing we started may survive us.
  for (const p of liveProcesses()) {
    try {
      if (p.ownGroup) process.kill(-p.pid, "SIGKILL");
      else p.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
});

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const uid = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const runDir = mkdtempSync(path.join(os.tmpdir(), "sustain-interop-"));
  const dbDir = path.join(runDir, "db");
  mkdirSync(dbDir);
  const port = await freePort();
  const serverArgs = ["serve", "--port", String(port), "--db", path.join(dbDir, "sustain.db"), "--tasks-retry-timeout", "5000", "--timeouts-poll-interval", "200"];
  if (process.env.SUSTAIN_SERVER_ARGS) serverArgs.push(...process.env.SUSTAIN_SERVER_ARGS.split(" ").filter(Boolean));
  let command;
  let args;
  if (opts.stub) {
    command = process.execPath;
    args = [path.join(HERE, "lib", "stub-server.js"), ...serverArgs];
  } else {
    if (!existsSync(opts.jar)) {
      console.error(`interop: server jar not found at ${opts.jar} (build it: mvn -q -DskipTests package -pl server -am)`);
      process.exit(2);
    }
    command = "java";
    // The JVM's temp dir (Vert.x cache dirs and the like) lives in the work dir, so SIGKILLs leave nothing behind.
    const jtmp = path.join(runDir, "jvm-tmp");
    mkdirSync(jtmp);
    // Run a private copy: a rebuild of the jar during the run must not change or break the server
    // (a running JVM reads classes from its jar lazily; scenario 13 starts it again).
    const jar = path.join(runDir, "sustain-server.jar");
    copyFileSync(opts.jar, jar);
    args = [`-Djava.io.tmpdir=${jtmp}`, "-jar", jar, ...serverArgs];
  }
  const server = new ServerProcess({ command, args, logFile: path.join(runDir, "server.log"), port });
  console.log(`interop: SDK @resonatehq/sdk ${sdkVersion()} on node ${process.version}; server ${opts.stub ? "STUB (self-test)" : opts.jar}`);
  console.log(`interop: run ${uid}, server 127.0.0.1:${port}, work dir ${runDir}`);
  const t0 = Date.now();
  try {
    await server.start();
  } catch (e) {
    console.error(`interop: server did not start: ${e.message}`);
    for (const l of tail(server.logFile, 30)) console.error(`  server| ${l}`);
    await cleanupAndExit(2);
    return;
  }
  if (!server.sawListening) console.log("interop: note: server became healthy without printing 'listening on'");
  console.log(`interop: server healthy after ${Date.now() - t0} ms`);
  let sdkUrl = server.url;
  let proxy;
  if (opts.trace) {
    proxy = await startTraceProxy({ upstreamPort: port, logFile: path.join(runDir, "wire.jsonl") });
    sdkUrl = proxy.url;
    console.log(`interop: tracing the wire through ${sdkUrl} into ${path.join(runDir, "wire.jsonl")}`);
  }

  const results = [];
  const preflight = await checkPoll(server.url, uid);
  if (preflight) console.log(`interop: preflight: ${preflight}; every scenario needs the poll stream, so none is run`);
  for (const sc of SCENARIOS) {
    if (opts.only && !opts.only.has(sc.n)) continue;
    if (preflight) {
      console.log(`FAIL ${String(sc.n).padStart(2)} ${sc.name} (0.0 s): not run: ${preflight}`);
      results.push({ n: sc.n, name: sc.name, ok: false, ms: 0, error: `not run: ${preflight}`, notes: [] });
      continue;
    }
    if (!(await server.healthy())) {
      const prev = results.at(-1);
      if (prev?.ok) {
        prev.ok = false;
        prev.error = "the server was not healthy right after this scenario";
        console.log(`FAIL ${String(prev.n).padStart(2)} ${prev.name}: the server was not healthy right after it`);
      }
      console.log(`interop: server not healthy before scenario ${sc.n}; restarting it`);
      try {
        await server.start();
      } catch (e) {
        console.error(`interop: restart failed: ${e.message}`);
      }
    }
    const r = await runScenario(sc, { uid, runDir, server, sdkUrl, opts });
    results.push(r);
  }

  const stopT = Date.now();
  const stop = await server.stop();
  const graceful = stop?.code === 0 || stop?.code === 143;
  console.log(`interop: server stopped with ${JSON.stringify(stop)} after SIGTERM in ${Date.now() - stopT} ms${graceful ? "" : " (not a clean exit)"}`);
  await killAll();
  if (proxy) await proxy.close();

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  writeFileSync(path.join(runDir, "results.json"), JSON.stringify(results, null, 2));
  console.log("");
  for (const r of results) console.log(`  ${r.ok ? "PASS" : "FAIL"}  ${String(r.n).padStart(2)}  ${r.name}  (${(r.ms / 1000).toFixed(1)} s)`);
  const keep = failed > 0 || opts.keep || opts.trace;
  if (!keep) rmSync(runDir, { recursive: true, force: true });
  console.log(`interop: total ${((Date.now() - t0) / 1000).toFixed(1)} s; ${keep ? `logs kept in ${runDir}` : "work dir removed (--keep keeps it)"}`);
  console.log(`interop: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

/** Opens one SSE poll stream the way the SDK does; returns a problem description or null. */
async function checkPoll(url, uid) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const res = await fetch(`${url}/poll/preflight-${uid}/preflight`, { headers: { Accept: "text/event-stream" }, signal: controller.signal });
    const type = res.headers.get("content-type") ?? "";
    if (res.status !== 200 || !type.includes("text/event-stream")) {
      const body = res.status !== 200 ? (await res.text()).slice(0, 200) : "";
      return `GET /poll/{group}/{id} answered ${res.status} ${type} ${body}`.trim();
    }
    return null;
  } catch (e) {
    return `GET /poll/{group}/{id} failed: ${e.message}`;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

function sdkVersion() {
  try {
    return JSON.parse(readFileSync(path.join(HERE, "node_modules/@resonatehq/sdk/package.json"), "utf8")).version;
  } catch {
    return "?";
  }
}

async function runScenario(sc, { uid, runDir, server, sdkUrl, opts }) {
  const tag = `s${String(sc.n).padStart(2, "0")}`;
  const eventsFile = path.join(runDir, `${tag}.events.jsonl`);
  writeFileSync(eventsFile, "");
  const agents = [];
  const notes = [];
  const startAgent = async (name, group, functions, ttl) => {
    const pid = `${tag}-${name}-${uid}`;
    const agent = new Agent({ name, url: sdkUrl, group, pid, functions, ttl, eventsFile, logFile: path.join(runDir, `${tag}.${name}.log`), verbose: opts.verbose });
    agents.push(agent);
    let timer;
    await Promise.race([
      agent.ready,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`agent ${name} poll stream not open after 20 s`)), 20_000);
      }),
    ]).finally(() => clearTimeout(timer));
    return agent;
  };
  // After the hard timeout the scenario's code may still be running in the background: from then on
  // it can no longer touch the server or start processes.
  let aborted = false;
  const guard = (what, fn) => (...args) => {
    if (aborted) throw new Error(`scenario already timed out (${what})`);
    return fn(...args);
  };
  const t = {
    server: {
      get url() {
        return server.url;
      },
      kill9: guard("server.kill9", () => server.kill9()),
      start: guard("server.start", () => server.start()),
    },
    rid: (what) => `${tag}-${what}-${uid}`,
    group: (what) => `${tag}-${what}-${uid}`,
    worker: guard("worker", ({ name, group, functions, ttl }) => startAgent(name, group, functions, ttl)),
    client: guard("client", (name) => startAgent(name, `${tag}-clients-${uid}`, [], undefined)),
    events: (filter = () => true) => readEvents(eventsFile).filter(filter),
    async waitForEvent(pred, ms) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const hit = readEvents(eventsFile).find(pred);
        if (hit) return hit;
        await delay(50);
      }
      throw new Error(`expected event not recorded within ${ms} ms`);
    },
    note: (msg) => notes.push(msg),
  };

  const started = Date.now();
  let error;
  let timer;
  try {
    await Promise.race([
      sc.run(t),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`scenario timed out after ${sc.timeoutMs} ms`)), sc.timeoutMs);
      }),
    ]);
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(timer);
    aborted = true;
  }
  const ms = Date.now() - started;
  await Promise.all(agents.map((a) => a.kill("SIGKILL")));

  const label = `${String(sc.n).padStart(2)} ${sc.name}`;
  if (!error) {
    console.log(`PASS ${label} (${(ms / 1000).toFixed(1)} s)`);
    for (const n of notes) console.log(`     ${n}`);
    return { n: sc.n, name: sc.name, ok: true, ms, notes };
  }
  const message = error.remote ? `${error.message} [${JSON.stringify(error.remote)}]` : error.message;
  console.log(`FAIL ${label} (${(ms / 1000).toFixed(1)} s): ${message}`);
  for (const n of notes) console.log(`     ${n}`);
  for (const a of agents) {
    const lines = tail(path.join(runDir, `${tag}.${a.name}.log`), 8);
    if (lines.length) {
      console.log(`     --- ${a.name} (${a.pid}) log tail:`);
      for (const l of lines) console.log(`     | ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`);
    }
  }
  const srv = tail(server.logFile, 8);
  if (srv.length) {
    console.log("     --- server log tail:");
    for (const l of srv) console.log(`     | ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`);
  }
  return { n: sc.n, name: sc.name, ok: false, ms, error: message, notes };
}

main().catch(async (e) => {
  console.error(`interop: harness error: ${e?.stack ?? e}`);
  await cleanupAndExit(2);
});
