// The Node reference scaled out the way a MERN team does it: the benchmarked call subset of server.mjs (same events,
// payloads and ack shapes) on several processes behind the official socket.io Redis streams adapter, with users,
// presence and calls in Redis instead of Maps. Each transition is one Lua script (call-scripts.mjs), atomic across
// processes; events reach the other participant's sockets, wherever they are, through the adapter (io.to(room).emit on
// user:<id>, call:<id> and socket-id rooms). A deadline is timed by the process that made the transition that set it;
// the script it runs ends the call only if the call is still in that state. (A process that dies takes its deadlines
// with it: this is a benchmark reference, not a product.)
//
//   PORT=3001 JWT_SECRET=... ADMIN_KEY=... REDIS_URL=redis://127.0.0.1:6379 NODE_NAME=node1 node call-cluster.mjs
import crypto from "node:crypto";
import { Server } from "socket.io";
import { createClient } from "redis";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createHttpServer } from "./http.mjs";
import { SCRIPTS } from "./call-scripts.mjs";
import {
  CONNECT_TIMEOUT_MS, REFUSALS, RELAY_EVENTS, RING_TIMEOUT_MS, SERVER_OPTIONS, announceAccept, announceEnd,
  announceRequest, announceStart, authenticate, badPermanent, callIdProblem, fail, listen, participantProblem, peerOf,
  readConfig, replier, requestProblem, snapshot, statePayload,
} from "./common.mjs";

const config = readConfig();
const { REDIS_URL, NODE_NAME = "node" } = process.env;
const redis = createClient({ url: REDIS_URL });
redis.on("error", (error) => console.error(NODE_NAME, "redis error:", error.message));
await redis.connect();
const shas = {};
for (const [name, source] of Object.entries(SCRIPTS)) {
  shas[name] = await redis.scriptLoad(source);
}

const timers = new Map(); // call id -> the deadline this process times for it

const httpServer = createHttpServer(async (user) => (await redis.set(`user:${user.id}`, JSON.stringify(user), { NX: true })) === "OK", config.adminKey);

const io = new Server(httpServer, { ...SERVER_OPTIONS, adapter: createAdapter(redis) });

io.use(authenticate(config.secret));

io.on("connection", (socket) => {
  const userId = socket.data.userId;
  socket.join(`user:${userId}`);
  const counted = redis.incr(`online:${userId}`).then(() => true, (error) => {
    console.error(NODE_NAME, "presence failed:", error.message);
    return false;
  });
  counted.then(() => liveCallOf(userId)).then((live) => socket.emit("call:state", statePayload(live)),
    (error) => console.error(NODE_NAME, "call:state failed:", error.message));
  socket.on("disconnect", () => {
    counted.then((was) => was && redis.decr(`online:${userId}`)).catch((error) => console.error(NODE_NAME, "presence failed:", error.message));
  });

  socket.on("call:request", (payload, ack) => handle(ack, async (reply) => {
    const problem = requestProblem(payload, userId);
    if (problem) return reply(problem);
    const callId = crypto.randomBytes(12).toString("hex");
    const result = await transition("request", [callId, userId, payload.calleeId, payload.type, socket.id]);
    if (result.refusal) return reply(REFUSALS[result.refusal](result.status));
    const { call } = result;
    socket.join(`call:${call.id}`);
    arm(call, "pending", RING_TIMEOUT_MS, "missed", "no_answer");
    announceRequest(io, call);
    reply({ ok: true, call: snapshot(call) });
  }));

  socket.on("call:accept", onCall("accept", () => [socket.id], ({ call, callerWallet }, reply) => {
    socket.join(`call:${call.id}`);
    arm(call, "accepted", CONNECT_TIMEOUT_MS, "ended", "connect_timeout");
    announceAccept(io, call, new Map(Object.entries(call.sockets)), callerWallet);
    reply({ ok: true, call: snapshot(call) });
  }));

  socket.on("call:joined", onCall("joined", () => [], ({ call, started }, reply) => {
    if (started) {
      arm(call, "active", call.durationLimitSec * 1000, "ended", "completed");
      announceStart(io, call);
    }
    reply({ ok: true, call: snapshot(call) });
  }));

  const onEnd = onCall("end", (payload) => [badPermanent(payload) ? "1" : "0"], ({ call }, reply) => reply({ ok: true, call: snapshot(call) }));
  socket.on("call:end", onEnd);
  socket.on("call:ended", onEnd);

  for (const event of RELAY_EVENTS) {
    socket.on(event, (payload, ack) => handle(ack, async (reply) => {
      const problem = callIdProblem(payload);
      if (problem) return reply(problem);
      const raw = await redis.get(`call:${payload.callId}`);
      const call = raw === null ? undefined : asCall(JSON.parse(raw));
      const refusal = participantProblem(call, userId);
      if (refusal) return reply(REFUSALS[refusal]());
      if (call.status === "pending") return reply(REFUSALS.relay_state());
      const peer = call.sockets[peerOf(call, userId)];
      if (peer) {
        io.to(peer).emit(event, { ...payload, from: userId });
      }
      reply({ ok: true });
    }));
  }

  // An event about an existing call: the script decides (and may settle the call), then action(result, reply).
  function onCall(name, extraArguments, action) {
    return (payload, ack) => handle(ack, async (reply) => {
      const problem = callIdProblem(payload);
      if (problem) return reply(problem);
      const result = await transition(name, [payload.callId, userId, ...extraArguments(payload)]);
      if (result.ended) settled(result);
      if (result.refusal) return reply(REFUSALS[result.refusal](result.status));
      return action(result, reply);
    });
  }
});

function handle(ack, action) {
  const reply = replier(ack);
  action(reply).catch((error) => {
    console.error(NODE_NAME, "call event failed:", error.message);
    reply(fail("unavailable", "The call store did not answer."));
  });
}

async function transition(name, args) {
  const raw = await redis.evalSha(shas[name], { arguments: args });
  const result = raw === null ? null : JSON.parse(raw);
  if (result?.call) result.call = asCall(result.call);
  return result;
}

// Lua's JSON encoder writes an empty table as {}: a call nobody has joined yet has joined = {}.
function asCall(call) {
  if (!Array.isArray(call.joined)) call.joined = [];
  return call;
}

function settled({ call, callerWallet, calleeWallet }) {
  disarm(call.id);
  announceEnd(io, call, callerWallet, calleeWallet);
}

function arm(call, status, delayMs, endStatus, reason) {
  disarm(call.id);
  timers.set(call.id, setTimeout(() => {
    timers.delete(call.id);
    transition("deadline", [call.id, status, endStatus, reason])
      .then((result) => result && settled(result), (error) => console.error(NODE_NAME, "deadline failed:", error.message));
  }, delayMs));
}

function disarm(callId) {
  clearTimeout(timers.get(callId));
  timers.delete(callId);
}

async function liveCallOf(userId) {
  const user = await redis.get(`user:${userId}`);
  const callId = user === null ? null : JSON.parse(user).currentCallId;
  const call = callId ? await redis.get(`call:${callId}`) : null;
  return call === null ? undefined : asCall(JSON.parse(call));
}

listen(httpServer, config, `${NODE_NAME} (call cluster)`);
