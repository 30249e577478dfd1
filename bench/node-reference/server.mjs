// The reference the Toki benchmark compares against: a socket.io 4.8 server written the way a MERN backend
// writes it, implementing the benchmarked subset of protocol.md (request, accept, joined, relays, end) with
// the same events, payloads and ack shapes, in memory. JWTs are checked with jsonwebtoken.verify in io.use.
// call-cluster.mjs is the same subset on two processes with the state in Redis; common.mjs is what both share.
//
//   PORT=3001 JWT_SECRET=... ADMIN_KEY=... node server.mjs
import crypto from "node:crypto";
import { Server } from "socket.io";
import { createHttpServer } from "./http.mjs";
import {
  CONNECT_TIMEOUT_MS, MAX_DURATION_SEC, RATE_PER_MINUTE, REFUSALS, RELAY_EVENTS, RING_TIMEOUT_MS, SERVER_OPTIONS,
  announceAccept, announceEnd, announceRequest, announceStart, authenticate, badPermanent, callIdProblem, listen,
  participantProblem, peerOf, readConfig, replier, requestProblem, snapshot, statePayload, wallet,
} from "./common.mjs";

const config = readConfig();

const users = new Map(); // id -> { id, name, coins, heldCoins, earnings, isOnCall, currentCallId }
const calls = new Map(); // live calls by id
const online = new Map(); // userId -> connected socket count

const httpServer = createHttpServer((user) => {
  if (users.has(user.id)) return false;
  users.set(user.id, user);
  return true;
}, config.adminKey);

const io = new Server(httpServer, SERVER_OPTIONS);

io.use(authenticate(config.secret));

io.on("connection", (socket) => {
  const userId = socket.data.userId;
  online.set(userId, (online.get(userId) ?? 0) + 1);
  socket.join(`user:${userId}`);
  socket.emit("call:state", statePayload(liveCallOf(userId)));

  socket.on("disconnect", () => {
    const left = (online.get(userId) ?? 1) - 1;
    if (left > 0) online.set(userId, left);
    else online.delete(userId);
  });

  socket.on("call:request", (payload, ack) => {
    const reply = replier(ack);
    const problem = requestProblem(payload, userId);
    if (problem) return reply(problem);
    const { calleeId, type } = payload;
    const caller = users.get(userId);
    const callee = users.get(calleeId);
    if (!caller) return reply(REFUSALS.caller_unknown());
    if (!callee) return reply(REFUSALS.callee_unknown());
    if (liveCallOf(userId)) return reply(REFUSALS.caller_busy());
    if (liveCallOf(calleeId)) return reply(REFUSALS.callee_busy());
    if (!online.has(calleeId)) return reply(REFUSALS.callee_offline());
    if (caller.coins < RATE_PER_MINUTE) return reply(REFUSALS.insufficient_coins());

    const now = Date.now();
    const call = {
      id: crypto.randomBytes(12).toString("hex"),
      caller: { id: caller.id, name: caller.name },
      callee: { id: callee.id, name: callee.name },
      type,
      status: "pending",
      createdAt: now,
      acceptedAt: null,
      startedAt: null,
      endedAt: null,
      endReason: null,
      durationLimitSec: Math.min(MAX_DURATION_SEC, Math.floor((caller.coins * 60) / RATE_PER_MINUTE)),
      activeMs: 0,
      lastResumedAt: null,
      joined: new Set(),
      ringDeadline: now + RING_TIMEOUT_MS,
      connectDeadline: null,
      holdCoins: 0,
      coinsCharged: 0,
      billedSeconds: 0,
      settledAt: null,
      version: 1,
      sockets: new Map([[userId, socket.id]]),
      timer: null,
    };
    calls.set(call.id, call);
    for (const user of [caller, callee]) {
      user.isOnCall = true;
      user.currentCallId = call.id;
    }
    socket.join(`call:${call.id}`);
    call.timer = setTimeout(() => hardEnd(call, "missed", "no_answer", null), RING_TIMEOUT_MS);
    announceRequest(io, call);
    reply({ ok: true, call: snapshot(call) });
  });

  socket.on("call:accept", (payload, ack) => withCall(payload, ack, (call, reply) => {
    if (call.callee.id !== userId) return reply(REFUSALS.not_callee());
    if (call.status !== "pending") return reply(REFUSALS.accept_state(call.status));
    const caller = users.get(call.caller.id);
    if (caller.coins < RATE_PER_MINUTE) {
      hardEnd(call, "cancelled", "insufficient_coins", null);
      return reply(REFUSALS.caller_short());
    }
    const now = Date.now();
    clearTimeout(call.timer);
    call.status = "accepted";
    call.acceptedAt = now;
    call.durationLimitSec = Math.min(MAX_DURATION_SEC, Math.floor((caller.coins * 60) / RATE_PER_MINUTE));
    call.holdCoins = Math.ceil((call.durationLimitSec * RATE_PER_MINUTE) / 60);
    caller.coins -= call.holdCoins;
    caller.heldCoins += call.holdCoins;
    call.connectDeadline = now + CONNECT_TIMEOUT_MS;
    call.version++;
    call.sockets.set(userId, socket.id);
    socket.join(`call:${call.id}`);
    call.timer = setTimeout(() => hardEnd(call, "ended", "connect_timeout", null), CONNECT_TIMEOUT_MS);
    announceAccept(io, call, call.sockets, wallet(caller));
    reply({ ok: true, call: snapshot(call) });
  }));

  socket.on("call:joined", (payload, ack) => withCall(payload, ack, (call, reply) => {
    if (call.status !== "accepted" && call.status !== "active") return reply(REFUSALS.join_state(call.status));
    if (call.joined.has(userId)) return reply({ ok: true, call: snapshot(call) });
    call.joined.add(userId);
    call.version++;
    if (call.status === "accepted" && call.joined.size === 2) {
      const now = Date.now();
      clearTimeout(call.timer);
      call.status = "active";
      call.startedAt = now;
      call.lastResumedAt = now;
      call.connectDeadline = null;
      call.timer = setTimeout(() => hardEnd(call, "ended", "completed", null), call.durationLimitSec * 1000);
      announceStart(io, call);
    }
    reply({ ok: true, call: snapshot(call) });
  }));

  const onEnd = (payload, ack) => withCall(payload, ack, (call, reply) => {
    if (badPermanent(payload)) return reply(REFUSALS.bad_permanent());
    if (call.status === "pending") {
      const byCaller = call.caller.id === userId;
      hardEnd(call, byCaller ? "cancelled" : "rejected", byCaller ? "cancelled" : "rejected", userId);
    } else {
      // The soft end (rejoin window) is outside the benchmarked subset: every end here is hard.
      hardEnd(call, "ended", "hung_up", userId);
    }
    reply({ ok: true, call: snapshot(call) });
  });
  socket.on("call:end", onEnd);
  socket.on("call:ended", onEnd);

  for (const event of RELAY_EVENTS) {
    socket.on(event, (payload, ack) => withCall(payload, ack, (call, reply) => {
      if (call.status === "pending") return reply(REFUSALS.relay_state());
      const peer = call.sockets.get(peerOf(call, userId));
      if (peer) {
        io.to(peer).emit(event, { ...payload, from: userId });
      }
      reply({ ok: true });
    }));
  }

  function withCall(payload, ack, action) {
    const reply = replier(ack);
    const problem = callIdProblem(payload);
    if (problem) return reply(problem);
    const call = calls.get(payload.callId);
    const refusal = participantProblem(call, userId);
    if (refusal) return reply(REFUSALS[refusal]());
    return action(call, reply);
  }
});

function hardEnd(call, status, reason, endedBy) {
  if (!calls.has(call.id)) return;
  const now = Date.now();
  clearTimeout(call.timer);
  if (call.status === "active") {
    call.activeMs += now - call.lastResumedAt;
  }
  call.status = status;
  call.endReason = reason;
  call.endedBy = endedBy;
  call.endedAt = now;
  call.lastResumedAt = null;
  call.ringDeadline = null;
  call.connectDeadline = null;
  call.billedSeconds = Math.min(call.durationLimitSec, Math.ceil(call.activeMs / 1000));
  call.coinsCharged = Math.min(call.holdCoins, Math.ceil((call.billedSeconds * RATE_PER_MINUTE) / 60));
  call.settledAt = now;
  call.version++;
  const caller = users.get(call.caller.id);
  const callee = users.get(call.callee.id);
  caller.heldCoins -= call.holdCoins;
  caller.coins += call.holdCoins - call.coinsCharged;
  callee.earnings += call.coinsCharged;
  for (const user of [caller, callee]) {
    if (user.currentCallId === call.id) {
      user.isOnCall = false;
      user.currentCallId = null;
    }
  }
  calls.delete(call.id);
  announceEnd(io, call, wallet(caller), wallet(callee));
  call.sockets.clear();
}

function liveCallOf(userId) {
  const user = users.get(userId);
  return user?.currentCallId ? calls.get(user.currentCallId) : undefined;
}

listen(httpServer, config, "node reference");
