// The reference the Toki benchmark compares against: a socket.io 4.8 server written the way a MERN backend
// writes it, implementing the benchmarked subset of protocol.md (request, accept, joined, relays, end) with
// the same events, payloads and ack shapes, in memory. JWTs are checked with jsonwebtoken.verify in io.use.
//
//   PORT=3001 JWT_SECRET=... ADMIN_KEY=... node server.mjs
import crypto from "node:crypto";
import jwt from "jsonwebtoken";
import { Server } from "socket.io";
import { createHttpServer } from "./http.mjs";

const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? "127.0.0.1";
const secret = process.env.JWT_SECRET;
const adminKey = process.env.ADMIN_KEY ?? "";
if (!secret) {
  console.error("JWT_SECRET is required");
  process.exit(1);
}

const RING_TIMEOUT_MS = 20_000;
const CONNECT_TIMEOUT_MS = 30_000;
const MAX_DURATION_SEC = 300;
const RATE_PER_MINUTE = 10;
const RELAY_EVENTS = ["call:signal", "call:offer", "call:answer", "call:ice", "call:media"];

const users = new Map(); // id -> { id, name, coins, heldCoins, earnings, isOnCall, currentCallId }
const calls = new Map(); // live calls by id
const online = new Map(); // userId -> connected socket count

const httpServer = createHttpServer(users, adminKey);

const io = new Server(httpServer, { pingInterval: 25_000, pingTimeout: 20_000, maxHttpBufferSize: 1e6 });

io.use((socket, next) => {
  const token = socket.handshake.auth?.token;
  try {
    const claims = jwt.verify(token, secret, { algorithms: ["HS256"], clockTolerance: 30 });
    const userId = claims.sub ?? claims.id ?? claims.userId;
    if (userId === undefined || userId === null) throw new Error("no user id");
    socket.data.userId = String(userId);
    next();
  } catch {
    next(new Error("unauthorized"));
  }
});

io.on("connection", (socket) => {
  const userId = socket.data.userId;
  online.set(userId, (online.get(userId) ?? 0) + 1);
  socket.join(`user:${userId}`);
  const live = liveCallOf(userId);
  socket.emit("call:state", { call: live ? snapshot(live) : null, you: live ? { away: false, canRejoin: false, rejoinDeadline: null } : null });

  socket.on("disconnect", () => {
    const left = (online.get(userId) ?? 1) - 1;
    if (left > 0) online.set(userId, left);
    else online.delete(userId);
  });

  socket.on("call:request", (payload, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    if (!isObject(payload)) return reply(fail("invalid_payload", "The payload must be an object."));
    const { calleeId, type } = payload;
    if (!isId(calleeId)) return reply(fail("invalid_payload", "'calleeId' must be a non-empty string of at most 128 characters."));
    if (type !== "audio" && type !== "video") return reply(fail("invalid_payload", "'type' must be \"audio\" or \"video\"."));
    if (calleeId === userId) return reply(fail("self_call", "You cannot call yourself."));
    const caller = users.get(userId);
    const callee = users.get(calleeId);
    if (!caller) return reply(fail("user_not_found", "Your account is not known to the call service."));
    if (!callee) return reply(fail("user_not_found", "No such user."));
    if (liveCallOf(userId)) return reply(fail("caller_busy", "You are already in a call."));
    if (liveCallOf(calleeId)) return reply(fail("callee_busy", "The callee is in another call."));
    if (!online.has(calleeId)) return reply(fail("callee_offline", "The callee is not connected."));
    if (caller.coins < RATE_PER_MINUTE) return reply(fail("insufficient_coins", "Not enough coins for one minute."));

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
    io.to(`user:${calleeId}`).emit("call:incoming", {
      callId: call.id, callerId: caller.id, caller: call.caller, type, expiresAt: iso(call.ringDeadline),
    });
    io.to(`user:${userId}`).emit("call:ringing", { callId: call.id, calleeId, expiresAt: iso(call.ringDeadline) });
    reply({ ok: true, call: snapshot(call) });
  });

  socket.on("call:accept", (payload, ack) => withCall(payload, ack, (call, reply) => {
    if (call.callee.id !== userId) return reply(fail("not_allowed", "Only the callee can accept."));
    if (call.status !== "pending") return reply(fail("invalid_state", `Cannot accept a call that is ${call.status}.`));
    const caller = users.get(call.caller.id);
    if (caller.coins < RATE_PER_MINUTE) {
      hardEnd(call, "cancelled", "insufficient_coins", null);
      return reply(fail("insufficient_coins", "The caller no longer has enough coins."));
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
    const callSockets = [...call.sockets.values()];
    for (const [participant, socketId] of call.sockets) {
      const isCaller = participant === call.caller.id;
      io.to(socketId).emit("call:proceed", {
        callId: call.id, role: isCaller ? "caller" : "callee", type: call.type, durationLimit: call.durationLimitSec,
        remainingTime: remaining(call), media: { provider: "webrtc", initiator: isCaller, iceServers: [] },
      });
    }
    const answered = { callId: call.id, reason: "answered_elsewhere" };
    io.to(`user:${call.caller.id}`).except(callSockets).emit("call:clear-all", answered);
    io.to(`user:${call.callee.id}`).except(callSockets).emit("call:clear-all", answered);
    io.to(`user:${caller.id}`).emit("wallet:updated", wallet(caller));
    reply({ ok: true, call: snapshot(call) });
  }));

  socket.on("call:joined", (payload, ack) => withCall(payload, ack, (call, reply) => {
    if (call.status !== "accepted" && call.status !== "active") return reply(fail("invalid_state", `Cannot join a call that is ${call.status}.`));
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
      io.to(`call:${call.id}`).emit("call:started", { callId: call.id, startedAt: iso(now), remainingTime: remaining(call) });
    }
    reply({ ok: true, call: snapshot(call) });
  }));

  const onEnd = (payload, ack) => withCall(payload, ack, (call, reply) => {
    if (payload.permanent !== undefined && payload.permanent !== null && typeof payload.permanent !== "boolean") {
      return reply(fail("invalid_payload", "'permanent' must be a boolean."));
    }
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
      if (call.status === "pending") return reply(fail("invalid_state", "Signalling starts once the call is accepted."));
      const peer = call.sockets.get(call.caller.id === userId ? call.callee.id : call.caller.id);
      if (peer) {
        io.to(peer).emit(event, { ...payload, from: userId });
      }
      reply({ ok: true });
    }));
  }

  function withCall(payload, ack, action) {
    const reply = typeof ack === "function" ? ack : () => {};
    if (!isObject(payload)) return reply(fail("invalid_payload", "The payload must be an object."));
    if (!isId(payload.callId)) return reply(fail("invalid_payload", "'callId' must be a non-empty string of at most 128 characters."));
    const call = calls.get(payload.callId);
    if (!call) return reply(fail("call_not_found", "No call with that id."));
    if (call.caller.id !== userId && call.callee.id !== userId) return reply(fail("not_participant", "You are not a participant of this call."));
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
  io.in(`call:${call.id}`).socketsLeave(`call:${call.id}`);
  call.sockets.clear();
  const ended = { callId: call.id, status, reason, billedSeconds: call.billedSeconds, coinsCharged: call.coinsCharged, endedAt: iso(now) };
  for (const user of [caller, callee]) {
    io.to(`user:${user.id}`).emit("call:ended", ended);
    io.to(`user:${user.id}`).emit("call:clear-all", { callId: call.id, reason });
  }
  if (call.holdCoins > 0) {
    io.to(`user:${caller.id}`).emit("wallet:updated", wallet(caller));
    if (call.coinsCharged > 0) io.to(`user:${callee.id}`).emit("wallet:updated", wallet(callee));
  }
}

function liveCallOf(userId) {
  const user = users.get(userId);
  return user?.currentCallId ? calls.get(user.currentCallId) : undefined;
}

function snapshot(call) {
  const now = Date.now();
  const activeMs = call.activeMs + (call.lastResumedAt ? now - call.lastResumedAt : 0);
  return {
    callId: call.id,
    caller: call.caller,
    callee: call.callee,
    callerId: call.caller.id,
    calleeId: call.callee.id,
    type: call.type,
    status: call.status,
    createdAt: iso(call.createdAt),
    acceptedAt: iso(call.acceptedAt),
    startedAt: iso(call.startedAt),
    endedAt: iso(call.endedAt),
    endReason: call.endReason,
    durationLimitSec: call.durationLimitSec,
    activeMs,
    lastResumedAt: iso(call.lastResumedAt),
    joinedUserIds: [...call.joined],
    interruptedUserIds: [],
    rejoinedUserIds: [],
    rejoinDeadlines: {},
    rejoinDeadline: null,
    ringDeadline: call.status === "pending" ? iso(call.ringDeadline) : null,
    connectDeadline: iso(call.connectDeadline),
    endsAt: call.lastResumedAt ? iso(call.lastResumedAt + call.durationLimitSec * 1000 - call.activeMs) : null,
    holdCoins: call.holdCoins,
    coinsCharged: call.coinsCharged,
    billedSeconds: call.billedSeconds,
    settledAt: iso(call.settledAt),
    version: call.version,
    remainingTime: remaining(call),
  };
}

function remaining(call) {
  if (calls.get(call.id) !== call) return 0;
  const activeMs = call.activeMs + (call.lastResumedAt ? Date.now() - call.lastResumedAt : 0);
  return Math.max(0, Math.ceil((call.durationLimitSec * 1000 - activeMs) / 1000));
}

const wallet = (user) => ({ coins: user.coins, heldCoins: user.heldCoins, earnings: user.earnings });
const fail = (code, message) => ({ ok: false, error: { code, message } });
const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const isId = (value) => typeof value === "string" && value.trim().length > 0 && value.length <= 128;

httpServer.listen(port, host, () => console.log(`node reference listening on http://${host}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(0));
}
