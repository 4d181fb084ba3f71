// A client: invokes "welcome" on any worker of the group "workers" and waits for the durable result.
//   RESONATE_URL=http://localhost:8001 node invoke.js [name]
import "./polyfill.js";
import { Resonate } from "@resonatehq/sdk";

const url = process.env.RESONATE_URL ?? "http://localhost:8001";
const name = process.argv[2] ?? "Sustain";
const resonate = new Resonate({ url, group: "clients" });

// The id makes the invocation idempotent: running this again with the same id returns the stored result.
const id = `welcome-${name}-${Date.now()}`;
const result = await resonate.rpc(id, "welcome", name, resonate.options({ target: "workers" }));
console.log(JSON.stringify(result));
await resonate.stop();
