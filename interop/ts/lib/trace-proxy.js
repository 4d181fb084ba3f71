// Wire tracer (harness option --trace): a loopback HTTP proxy placed between the SDK
// processes and the server. It forwards every request unchanged and appends one JSON
// line per RPC exchange and per SSE message to a file, which is what a server bug
// report quotes. It runs inside the harness process.
import { createWriteStream } from "node:fs";
import http from "node:http";

export async function startTraceProxy({ upstreamPort, logFile }) {
  const out = createWriteStream(logFile, { flags: "a" });
  const write = (rec) => out.write(`${JSON.stringify({ t: Date.now(), ...rec })}\n`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const streams = new Set();

  const proxy = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const isPoll = req.method === "GET" && req.url.startsWith("/poll/");
      const up = http.request(
        { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent: isPoll ? false : agent },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          if (isPoll) {
            res.flushHeaders(); // the SDK's EventSource opens on the headers; do not wait for the first event
            write({ dir: "poll.open", url: req.url, status: upRes.statusCode });
            streams.add(res);
            let buf = "";
            upRes.on("data", (c) => {
              res.write(c);
              buf += c.toString("utf8");
              let i = buf.indexOf("\n\n");
              while (i >= 0) {
                const event = buf.slice(0, i);
                buf = buf.slice(i + 2);
                for (const line of event.split("\n")) {
                  if (line.startsWith("data:")) {
                    const data = line.slice(5).trim();
                    let msg = data;
                    try {
                      msg = JSON.parse(data);
                    } catch {
                      // keep the raw text
                    }
                    write({ dir: "sse", url: req.url, msg });
                  }
                }
                i = buf.indexOf("\n\n");
              }
            });
            const end = () => {
              streams.delete(res);
              write({ dir: "poll.close", url: req.url });
              res.destroy();
            };
            upRes.on("end", end);
            upRes.on("error", end);
            upRes.on("close", end);
            return;
          }
          const resChunks = [];
          upRes.on("data", (c) => resChunks.push(c));
          upRes.on("end", () => {
            const resBody = Buffer.concat(resChunks);
            res.end(resBody);
            if (req.method === "POST") {
              write({ dir: "rpc", status: upRes.statusCode, contentType: upRes.headers["content-type"], req: parse(body), res: parse(resBody) });
            }
          });
          upRes.on("error", () => res.destroy());
        },
      );
      up.on("error", (e) => {
        write({ dir: "upstream.error", method: req.method, url: req.url, error: e.message, req: req.method === "POST" ? parse(body) : undefined });
        // Like a dead server: drop the connection, do not invent an HTTP answer.
        res.destroy();
      });
      // The downstream response closing (the SDK closed its EventSource) ends the upstream stream.
      res.on("close", () => {
        if (isPoll) up.destroy();
      });
      up.end(body);
    });
  });

  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of streams) s.destroy();
      proxy.closeAllConnections?.();
      await new Promise((resolve) => proxy.close(() => resolve()));
      agent.destroy();
      out.end();
    },
  };
}

function parse(buf) {
  const s = buf.toString("utf8");
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
