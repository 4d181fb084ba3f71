// A worker: registers a durable function and waits for work from the Sustain server.
//   RESONATE_URL=http://localhost:8001 node worker.js
import "./polyfill.js";
import { Resonate } from "@resonatehq/sdk";

const url = process.env.RESONATE_URL ?? "http://localhost:8001";
const resonate = new Resonate({ url, group: "workers" });

// Every ctx.run step is checkpointed as a durable promise: if this process dies after a step, another worker
// of the group replays the function and reuses the stored result instead of running the step again.
function* welcome(ctx, name) {
  const greeting = yield* ctx.run((_, n) => `Hello, ${n}!`, name);
  yield* ctx.sleep(500); // a durable timer: survives restarts of the worker and of the server
  const length = yield* ctx.run((_, g) => g.length, greeting);
  return { greeting, length };
}

resonate.register("welcome", welcome);
console.log(`worker ready (group "workers", server ${url})`);
