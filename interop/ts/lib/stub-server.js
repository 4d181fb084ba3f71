// HARNESS SELF-TEST ONLY. Not the server under test.
//
// Exposes the SDK package's own in-memory protocol model (the `Server` class of
// @resonatehq/sdk's dist/src/network/local.js, which backs the SDK's no-url mode)
// over HTTP + SSE with the same command line as the Sustain jar, so the harness and
// the scenarios can be exercised before the real server exists:
//
//   node lib/stub-server.js serve --port N --db PATH [ignored options...]
//
// It keeps state in memory only (the db path is ignored), so the server-restart
// scenario cannot pass against it. Routing follows protocol.md §1.9.
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const localJs = path.join(HERE, "..", "node_modules", "@resonatehq", "sdk", "dist", "src", "network", "local.js");
const { Server } = await import(pathToFileURL(localJs).href);

const argv = process.argv.slice(2);
const port = Number(argv[argv.indexOf("--port") + 1]);
if (argv[0] !== "serve" || !Number.isInteger(port)) {
  console.error("usage: stub-server.js serve --port N [--db PATH]");
  process.exit(64);
}

const model = new Server();
const conns = new Map(); // group -> [{id, res}]

function parseAddress(addr) {
  const m = /^poll:\/\/(uni|any)@([^/]+)(?:\/(.*))?$/.exec(addr ?? "");
  return m ? { cast: m[1], group: m[2], id: m[3] || undefined } : undefined;
}

function deliver(address, message) {
  const a = parseAddress(address);
  if (!a) return;
  const list = conns.get(a.group) ?? [];
  let conn;
  if (a.id) conn = list.find((c) => c.id === a.id);
  if (!conn && a.cast === "any" && list.length > 0) conn = list[Math.floor(Math.random() * list.length)];
  if (conn) conn.res.write(`data: ${JSON.stringify(message)}\n\n`);
}

function apply(req) {
  const result = model.apply(Date.now(), req);
  for (const change of result.changes) {
    if (change.kind === "message.send") deliver(change.address, change.message);
  }
  return result.response;
}

setInterval(() => {
  const now = Date.now();
  apply({ kind: "debug.tick", head: { corrId: "tick", version: "2026-04-01" }, data: { time: now } });
}, 200);

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (req.method === "GET" && url.pathname === "/health") {
    res.writeHead(200).end();
    return;
  }
  const poll = /^\/poll\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (req.method === "GET" && poll) {
    const group = decodeURIComponent(poll[1]);
    const id = decodeURIComponent(poll[2]);
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    res.write(": open\n\n");
    const entry = { id, res };
    conns.set(group, [...(conns.get(group) ?? []), entry]);
    req.on("close", () => {
      const rest = (conns.get(group) ?? []).filter((c) => c !== entry);
      if (rest.length) conns.set(group, rest);
      else conns.delete(group);
    });
    return;
  }
  if (req.method === "POST" && url.pathname === "/") {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      let env;
      try {
        env = JSON.parse(body);
      } catch {
        res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ kind: "unknown", head: { corrId: "0", status: 400, version: "2026-04-01" }, data: "bad json" }));
        return;
      }
      let out;
      try {
        out = apply(env);
      } catch (e) {
        out = { kind: env.kind, head: { status: 500 }, data: String(e?.message ?? e) };
      }
      const status = out.head.status;
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ kind: out.kind ?? env.kind, head: { corrId: env.head?.corrId, status, version: "2026-04-01" }, data: out.data }));
    });
    return;
  }
  res.writeHead(404, { "Content-Type": "application/json" }).end('"not found"');
});

server.listen(port, "127.0.0.1", () => console.log(`stub server listening on 127.0.0.1:${port}`));
process.on("SIGTERM", () => process.exit(0));
