// One SDK process: a worker (it registers the named functions and serves its group's
// poll stream) and a client (it executes commands the harness sends over IPC).
//
//   node lib/agent.js <url> <group> <pid> <functions|-> [ttlMs]
//
// env INTEROP_EVENTS: file that `record` appends JSON lines to.
// env INTEROP_VERBOSE=1: forward the SDK's info/debug log lines to stdout.
//
// Messages to the parent (process.send):
//   {type: "ready"}                      the poll (SSE) stream is open
//   {type: "reconnected"}                the poll stream reopened after an error
//   {type: "event", event}               something a function recorded
//   {type: "reply", id, ok, value|error} answer to a command
// Commands from the parent: {id, op, ...} (see `ops` below).
import "../polyfill.js";

import { appendFileSync } from "node:fs";
import { Constant, Exponential, Linear, Never, Resonate } from "@resonatehq/sdk";
import { FUNCTIONS } from "./functions.js";

const [url, group, pid, functionList = "-", ttlArg] = process.argv.slice(2);
if (!url || !group || !pid) {
  console.error("usage: agent.js <url> <group> <pid> <functions|-> [ttlMs]");
  process.exit(64);
}
const ttl = ttlArg ? Number.parseInt(ttlArg, 10) : 60_000;
const eventsFile = process.env.INTEROP_EVENTS;
const verbose = process.env.INTEROP_VERBOSE === "1";

// If the harness dies, die with it: no orphans.
process.on("disconnect", () => process.exit(3));

function send(msg) {
  if (process.connected) {
    try {
      process.send(msg);
    } catch {
      // channel closed: the harness is gone; the disconnect handler exits
    }
  }
}

function record(event) {
  const line = { ...event, pid, group, t: Date.now() };
  if (eventsFile) appendFileSync(eventsFile, `${JSON.stringify(line)}\n`);
  send({ type: "event", event: line });
}

// A logger in the SDK's shape that also tells us when the poll stream is open.
let ready = false;
const logger = {
  debug(fields, msg) {
    if (verbose) console.log(JSON.stringify({ level: "debug", t: new Date().toISOString(), msg, ...fields }));
  },
  info(fields, msg) {
    if (verbose) console.log(JSON.stringify({ level: "info", t: new Date().toISOString(), msg, ...fields }));
    if (msg === "adapter connected" || msg === "adapter reconnected") {
      if (!ready) {
        ready = true;
        send({ type: "ready" });
      } else {
        send({ type: "reconnected" });
      }
    }
  },
  warn(fields, msg) {
    console.error(JSON.stringify({ level: "warn", t: new Date().toISOString(), msg, ...fields }));
  },
  error(fields, msg) {
    console.error(JSON.stringify({ level: "error", t: new Date().toISOString(), msg, ...fields }));
  },
};

const resonate = new Resonate({ url, group, pid, ttl, logger, logLevel: "debug" });
resonate.setDependency("agent", { pid, group, record });

const names = functionList === "-" ? [] : functionList.split(",").filter(Boolean);
for (const name of names) {
  const func = FUNCTIONS[name];
  if (!func) {
    console.error(`unknown function ${name}`);
    process.exit(64);
  }
  resonate.register(name, func);
}

const RETRY = { constant: Constant, exponential: Exponential, linear: Linear, never: Never };

function options({ target, retry, timeout } = {}) {
  const opts = {};
  if (target !== undefined) opts.target = target;
  if (timeout !== undefined) opts.timeout = timeout;
  if (retry) {
    const Ctor = RETRY[retry.type];
    if (!Ctor) throw new Error(`unknown retry type ${retry.type}`);
    opts.retryPolicy = new Ctor(retry);
  }
  return resonate.options(opts);
}

function encodeValue(value) {
  // The SDK's codec: base64 of the JSON text.
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64");
}

function describeError(e) {
  if (e instanceof Error) {
    return { name: e.name, message: e.message, code: e.code ?? null, serverError: e.serverError ?? null };
  }
  return { name: typeof e, message: e === undefined ? "undefined" : String(e), thrown: e ?? null };
}

const schedules = new Map();

const ops = {
  async rpc({ rid, func, args = [], opts }) {
    return resonate.rpc(rid, func, ...args, options(opts));
  },
  async run({ rid, func, args = [], opts }) {
    return resonate.run(rid, func, ...args, options(opts));
  },
  // Many rpcs at once; returns one settled outcome per item, in order.
  async rpcBatch({ items, func, opts }) {
    const o = options(opts);
    const settled = await Promise.allSettled(items.map(({ rid, args }) => resonate.rpc(rid, func, ...args, o)));
    return settled.map((s) => (s.status === "fulfilled" ? { ok: true, value: s.value } : { ok: false, error: describeError(s.reason) }));
  },
  // resonate.get(id).result(): a handle on an existing promise (listener registration).
  async get({ rid }) {
    const handle = await resonate.get(rid);
    return handle.result();
  },
  async rejectPromise({ promiseId, value }) {
    const p = await resonate.promises.reject(promiseId, { data: encodeValue(value) });
    return { id: p.id, state: p.state };
  },
  async cancelPromise({ promiseId }) {
    const p = await resonate.promises.cancel(promiseId);
    return { id: p.id, state: p.state };
  },
  async getPromise({ promiseId }) {
    return resonate.promises.get(promiseId);
  },
  async resolvePromise({ promiseId, value }) {
    const p = await resonate.promises.resolve(promiseId, { data: encodeValue(value) });
    return { id: p.id, state: p.state };
  },
  async schedule({ name, cron, func, args = [], opts }) {
    const handle = await resonate.schedule(name, cron, func, ...args, options(opts));
    schedules.set(name, handle);
    return { name };
  },
  async getSchedule({ name }) {
    return resonate.schedules.get(name);
  },
  async deleteSchedule({ name }) {
    const handle = schedules.get(name);
    if (handle) await handle.delete();
    else await resonate.schedules.delete(name);
    schedules.delete(name);
    return { deleted: name };
  },
  async stop() {
    await resonate.stop();
    setTimeout(() => process.exit(0), 50);
    return { stopped: true };
  },
};

process.on("message", async (msg) => {
  if (!msg || typeof msg !== "object" || msg.id === undefined) return;
  const op = ops[msg.op];
  if (!op) {
    send({ type: "reply", id: msg.id, ok: false, error: { name: "Error", message: `unknown op ${msg.op}` } });
    return;
  }
  try {
    const value = await op(msg);
    send({ type: "reply", id: msg.id, ok: true, value: value === undefined ? null : value });
  } catch (e) {
    send({ type: "reply", id: msg.id, ok: false, error: describeError(e) });
  }
});

process.on("unhandledRejection", (e) => {
  console.error(JSON.stringify({ level: "error", msg: "unhandledRejection", error: String(e?.stack ?? e) }));
});
