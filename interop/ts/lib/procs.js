// Child-process plumbing: SDK agents (lib/agent.js) and the server under test.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const AGENT_JS = path.join(HERE, "agent.js");

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every process we start, so that cleanup can always find them.
const live = new Set();

export function liveProcesses() {
  return [...live];
}

/** Kill every child still alive (SIGKILL) and wait briefly for them to go. */
export async function killAll() {
  const procs = [...live];
  for (const p of procs) {
    try {
      // A process started in its own group (the server guard) is killed with its group.
      if (p.ownGroup) process.kill(-p.pid, "SIGKILL");
      else p.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  await Promise.all(procs.map((p) => p.exited.catch(() => {})));
}

function track(child) {
  live.add(child);
  child.exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  child.once("error", () => live.delete(child));
  return child;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * An SDK process. `call(op, payload)` sends a command and resolves with its value
 * (or rejects with the SDK error it produced). Events recorded by functions arrive
 * as `onEvent` callbacks and are kept in `events`.
 */
export class Agent {
  constructor({ name, url, group, pid, functions = [], ttl, eventsFile, logFile, verbose }) {
    this.name = name;
    this.group = group;
    this.pid = pid;
    this.events = [];
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    const args = [AGENT_JS, url, group, pid, functions.length ? functions.join(",") : "-"];
    if (ttl) args.push(String(ttl));
    this.child = track(
      spawn(process.execPath, args, {
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        env: { ...process.env, INTEROP_EVENTS: eventsFile ?? "", INTEROP_VERBOSE: verbose ? "1" : "0" },
      }),
    );
    const log = createWriteStream(logFile, { flags: "a" });
    this.child.stdout.pipe(log, { end: false });
    this.child.stderr.pipe(log, { end: false });
    this.child.exited.then(({ code, signal }) => {
      this.exit = { code, signal };
      for (const { reject } of this.pending.values()) {
        reject(new Error(`agent ${name} exited (code ${code}, signal ${signal}) before replying`));
      }
      this.pending.clear();
      setTimeout(() => log.end(), 100);
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.once("exit", (code, signal) => reject(new Error(`agent ${name} exited early (code ${code}, signal ${signal})`)));
      this.child.on("message", (msg) => {
        if (msg?.type === "ready") resolve();
      });
    });
    this.ready.catch(() => {});
    this.child.on("message", (msg) => this.onMessage(msg));
  }

  onMessage(msg) {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "event") {
      this.events.push(msg.event);
      for (const l of this.listeners) l(msg.event);
    } else if (msg.type === "reply") {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else {
        const err = new Error(msg.error?.message ?? "unknown error");
        err.remote = msg.error;
        p.reject(err);
      }
    }
  }

  onEvent(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  call(op, payload = {}) {
    if (this.exit) return Promise.reject(new Error(`agent ${this.name} is not running`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, ...payload }, (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    });
  }

  kill(signal = "SIGKILL") {
    if (!this.exit) this.child.kill(signal);
    return this.child.exited;
  }
}

/**
 * The server under test, started through lib/server-guard.js so that it dies with
 * the harness even if the harness itself is SIGKILLed.
 */
export class ServerProcess {
  constructor({ command, args, logFile, port }) {
    this.command = command;
    this.args = args;
    this.logFile = logFile;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.starts = 0;
  }

  async start(timeoutMs = 60_000) {
    this.starts++;
    const log = createWriteStream(this.logFile, { flags: "a" });
    log.write(`\n==== start #${this.starts}: ${this.command} ${this.args.join(" ")}\n`);
    const guard = path.join(HERE, "server-guard.js");
    const child = spawn(process.execPath, [guard, this.command, ...this.args], {
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      detached: true,
    });
    child.ownGroup = true;
    this.child = track(child);
    this.child.stdout.pipe(log, { end: false });
    this.child.stderr.pipe(log, { end: false });
    this.child.exited.then(() => setTimeout(() => log.end(), 100));
    let sawListening = false;
    this.child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("listening on")) sawListening = true;
    });
    this.serverPid = await new Promise((resolve, reject) => {
      this.child.once("message", (m) => resolve(m.pid));
      this.child.once("exit", (code) => reject(new Error(`server guard exited with ${code}; see ${this.logFile}`)));
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`server exited during startup; see ${this.logFile}`);
      }
      if (await this.healthy()) {
        // The banner may reach us through the guard's pipe a moment after /health answers.
        for (let i = 0; i < 20 && !sawListening; i++) await delay(50);
        this.sawListening = sawListening;
        return;
      }
      await delay(100);
    }
    throw new Error(`server not healthy after ${timeoutMs} ms; see ${this.logFile}`);
  }

  async healthy() {
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  /** SIGKILL the server process itself (not the guard) and wait for the guard to exit. */
  async kill9() {
    if (this.serverPid) {
      try {
        process.kill(this.serverPid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await this.child.exited;
  }

  /** SIGTERM (graceful), then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000) {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.send({ op: "term" });
    const timer = setTimeout(() => {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, graceMs);
    const r = await this.child.exited;
    clearTimeout(timer);
    return r;
  }
}
