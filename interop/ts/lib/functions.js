// Durable functions the interop agents register with the official SDK.
//
// Every function takes `runId` (a per-scenario unique string) as its first argument
// and reports what it did through `agent.record(...)`, which appends a JSON line to
// the scenario's events file (synchronously, so the line survives a SIGKILL that
// follows it) and also forwards the event to the harness over IPC.
//
// Generator functions (`function*`) are durable: `yield* ctx.run/rpc/sleep/...`
// creates child promises on the server, and the body is replayed from the start
// after every suspension. Events recorded directly in a generator body are
// therefore recorded once per replay; events recorded inside `ctx.run` steps are
// recorded once per real execution of the step.

function agentOf(ctx) {
  const agent = ctx.getDependency("agent");
  if (!agent) throw new Error("agent dependency missing");
  return agent;
}

function record(ctx, event) {
  agentOf(ctx).record({ ...event, ctxId: ctx.id });
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- steps (local functions passed to ctx.run, never registered) -----------------

function tick(ctx, runId, i) {
  record(ctx, { kind: "tick", runId, i });
  return i * 10;
}

async function slowStep(ctx, runId, i, ms) {
  record(ctx, { kind: "step.start", runId, i });
  await delay(ms);
  record(ctx, { kind: "step.done", runId, i });
  return i * 100;
}

function mint(ctx, runId) {
  const token = globalThis.crypto.randomUUID();
  record(ctx, { kind: "mint", runId, token });
  return token;
}

function mark(ctx, runId, i) {
  record(ctx, { kind: "mark", runId, i });
  return 100 + i;
}

// ---- registered functions --------------------------------------------------------

// 1. countdown: n iterations of a durable sleep followed by a ctx.run step.
function* countdown(ctx, runId, n, sleepMs) {
  const values = [];
  for (let i = n; i > 0; i--) {
    yield* ctx.sleep(sleepMs);
    values.push(yield* ctx.run(tick, runId, i));
  }
  return values;
}

// 2. fan-out / fan-in over n remote children in `target`.
function* fanout(ctx, runId, n, target) {
  const futures = [];
  for (let i = 0; i < n; i++) {
    futures.push(yield* ctx.beginRpc("square", runId, i, ctx.options({ target })));
  }
  let sum = 0;
  const byPid = {};
  const seen = [];
  for (const future of futures) {
    const r = yield* future;
    sum += r.sq;
    seen.push(r.i);
    byPid[r.pid] = (byPid[r.pid] ?? 0) + 1;
  }
  return { sum, byPid, seen };
}

async function square(ctx, runId, i) {
  const agent = agentOf(ctx);
  record(ctx, { kind: "square", runId, i });
  return { i, sq: i * i, pid: agent.pid };
}

// 3. cross-group rpc: callB is registered only in group A, onlyB only in group B.
function* callB(ctx, runId, x, targetB) {
  record(ctx, { kind: "callB", runId });
  const r = yield* ctx.rpc("onlyB", runId, x, ctx.options({ target: targetB }));
  const agent = agentOf(ctx);
  return { callerPid: agent.pid, callerGroup: agent.group, ...r };
}

async function onlyB(ctx, runId, x) {
  const agent = agentOf(ctx);
  record(ctx, { kind: "onlyB", runId, x });
  return { calleePid: agent.pid, calleeGroup: agent.group, value: x * 2 };
}

// 4. load sharing inside one group.
async function work(ctx, runId, i) {
  const agent = agentOf(ctx);
  record(ctx, { kind: "work", runId, i });
  return { i, pid: agent.pid };
}

// 5. crash recovery: sequential slow steps.
function* multistep(ctx, runId, steps, stepMs) {
  const values = [];
  for (let i = 0; i < steps; i++) {
    values.push(yield* ctx.run(slowStep, runId, i, stepMs));
  }
  return values;
}

// 6. human in the loop: await a latent promise that someone else resolves.
function* approval(ctx, runId) {
  const p = yield* ctx.promise();
  record(ctx, { kind: "latent", runId, promiseId: p.id });
  const v = yield* p;
  return { approved: v, promiseId: p.id };
}

// 7. awaiting a latent promise that times out.
function* timeoutWait(ctx, runId, timeoutMs) {
  const p = yield* ctx.promise({ timeout: timeoutMs });
  record(ctx, { kind: "latent", runId, promiseId: p.id });
  try {
    const v = yield* p;
    return { outcome: "resolved", value: v ?? null, promiseId: p.id };
  } catch (e) {
    const error = e === undefined ? null : String(e?.message ?? e);
    return { outcome: "rejected", error, promiseId: p.id };
  }
}

// 8. idempotent invocation: the step mints a random token once.
function* once(ctx, runId) {
  const token = yield* ctx.run(mint, runId);
  return { token };
}

// 9. always fails; the caller passes a bounded retry policy.
async function alwaysFails(ctx, runId) {
  record(ctx, { kind: "attempt", runId, attempt: ctx.info?.attempt ?? null });
  throw new Error(`boom ${runId}`);
}

// 10. tiny function for the 1,000-invocation burst.
async function add(ctx, runId, a, b) {
  record(ctx, { kind: "add", runId, a });
  return a + b;
}

// 11. target of a schedule.
async function scheduled(ctx, runId) {
  record(ctx, { kind: "fired", runId, promiseId: ctx.id, at: Date.now() });
  return ctx.id;
}

// 12. runs longer than the worker's lease ttl.
async function longRunner(ctx, runId, ms) {
  const agent = agentOf(ctx);
  record(ctx, { kind: "long.start", runId });
  await delay(ms);
  record(ctx, { kind: "long.end", runId });
  return { pid: agent.pid, ms };
}

// 13. survives a server SIGKILL + restart.
function* restartable(ctx, runId, sleepMs) {
  const a = yield* ctx.run(mark, runId, 0);
  yield* ctx.sleep(sleepMs);
  const b = yield* ctx.run(mark, runId, 1);
  yield* ctx.sleep(sleepMs);
  const c = yield* ctx.run(mark, runId, 2);
  return [a, b, c];
}

// 14. two latent promises settled from outside with reject and cancel.
function* twoLatents(ctx, runId) {
  const p1 = yield* ctx.promise();
  const p2 = yield* ctx.promise();
  record(ctx, { kind: "latents", runId, ids: [p1.id, p2.id] });
  const seen = [];
  for (const p of [p1, p2]) {
    try {
      const v = yield* p;
      seen.push({ kind: "resolved", value: v ?? null });
    } catch (e) {
      seen.push({ kind: "rejected", value: e instanceof Error ? { error: e.message } : (e ?? null) });
    }
  }
  return { seen, ids: [p1.id, p2.id] };
}

// 15. a detached child that outlives its parent.
function* spawnDetached(ctx, runId, target) {
  const child = yield* ctx.detached("square", runId, 7, ctx.options({ target }));
  return { childId: child.id };
}

export const FUNCTIONS = {
  countdown,
  fanout,
  square,
  callB,
  onlyB,
  work,
  multistep,
  approval,
  timeoutWait,
  once,
  alwaysFails,
  add,
  scheduled,
  longRunner,
  restartable,
  twoLatents,
  spawnDetached,
};
