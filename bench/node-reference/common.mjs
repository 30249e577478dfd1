// What both Node references share, the single process (server.mjs) and the two-process cluster (call-cluster.mjs):
// configuration, the JWT middleware, payload checks, the call snapshot and the events each transition sends. The
// references differ only in where users, presence and calls live (Maps of one process, or Redis).
import jwt from "jsonwebtoken";

export const RING_TIMEOUT_MS = 20_000;
export const CONNECT_TIMEOUT_MS = 30_000;
export const MAX_DURATION_SEC = 300;
export const RATE_PER_MINUTE = 10;
export const RELAY_EVENTS = ["call:signal", "call:offer", "call:answer", "call:ice", "call:media"];
export const SERVER_OPTIONS = { pingInterval: 25_000, pingTimeout: 20_000, maxHttpBufferSize: 1e6 };

/** PORT, HOST, JWT_SECRET (required) and ADMIN_KEY from the environment. */
export function readConfig() {
  const config = {
    port: Number(process.env.PORT ?? 3001),
    host: process.env.HOST ?? "127.0.0.1",
    secret: process.env.JWT_SECRET,
    adminKey: process.env.ADMIN_KEY ?? "",
  };
  if (!config.secret) {
    console.error("JWT_SECRET is required");
    process.exit(1);
  }
  return config;
}

/** The io.use middleware: an HS256 JWT in auth.token, its sub (or id, userId) becomes socket.data.userId. */
export function authenticate(secret) {
  return (socket, next) => {
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
  };
}

export function listen(httpServer, { port, host }, name) {
  httpServer.listen(port, host, () => console.log(`${name} listening on http://${host}:${port}`));
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => process.exit(0));
  }
}

export const replier = (ack) => (typeof ack === "function" ? ack : () => {});
export const fail = (code, message) => ({ ok: false, error: { code, message } });
export const iso = (ms) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
export const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
export const isId = (value) => typeof value === "string" && value.trim().length > 0 && value.length <= 128;
export const wallet = (user) => ({ coins: user.coins, heldCoins: user.heldCoins, earnings: user.earnings });

/** The refusals the transitions give, by the code the state layer reports; invalid_state takes the call's status. */
export const REFUSALS = {
  caller_unknown: () => fail("user_not_found", "Your account is not known to the call service."),
  callee_unknown: () => fail("user_not_found", "No such user."),
  caller_busy: () => fail("caller_busy", "You are already in a call."),
  callee_busy: () => fail("callee_busy", "The callee is in another call."),
  callee_offline: () => fail("callee_offline", "The callee is not connected."),
  insufficient_coins: () => fail("insufficient_coins", "Not enough coins for one minute."),
  caller_short: () => fail("insufficient_coins", "The caller no longer has enough coins."),
  call_not_found: () => fail("call_not_found", "No call with that id."),
  not_participant: () => fail("not_participant", "You are not a participant of this call."),
  not_callee: () => fail("not_allowed", "Only the callee can accept."),
  bad_permanent: () => fail("invalid_payload", "'permanent' must be a boolean."),
  accept_state: (status) => fail("invalid_state", `Cannot accept a call that is ${status}.`),
  join_state: (status) => fail("invalid_state", `Cannot join a call that is ${status}.`),
  relay_state: () => fail("invalid_state", "Signalling starts once the call is accepted."),
};

/** A call:request payload's problem before any state is read, or null. */
export function requestProblem(payload, userId) {
  if (!isObject(payload)) return fail("invalid_payload", "The payload must be an object.");
  if (!isId(payload.calleeId)) return fail("invalid_payload", "'calleeId' must be a non-empty string of at most 128 characters.");
  if (payload.type !== "audio" && payload.type !== "video") return fail("invalid_payload", "'type' must be \"audio\" or \"video\".");
  if (payload.calleeId === userId) return fail("self_call", "You cannot call yourself.");
  return null;
}

/** A payload naming a call ({ callId }): its problem before the call is looked up, or null. */
export function callIdProblem(payload) {
  if (!isObject(payload)) return fail("invalid_payload", "The payload must be an object.");
  if (!isId(payload.callId)) return fail("invalid_payload", "'callId' must be a non-empty string of at most 128 characters.");
  return null;
}

/** Whether call:end's optional 'permanent' is malformed (checked once the caller is known to be a participant). */
export const badPermanent = (payload) => payload.permanent !== undefined && payload.permanent !== null && typeof payload.permanent !== "boolean";

/** The refusal code for an event about a call that does not exist or that the user is not part of, or null. */
export function participantProblem(call, userId) {
  if (!call) return "call_not_found";
  if (call.caller.id !== userId && call.callee.id !== userId) return "not_participant";
  return null;
}

export const peerOf = (call, userId) => (call.caller.id === userId ? call.callee.id : call.caller.id);

/** Seconds left of a live call; 0 once it is settled. */
export function remaining(call) {
  if (call.settledAt !== null && call.settledAt !== undefined) return 0;
  const activeMs = call.activeMs + (call.lastResumedAt ? Date.now() - call.lastResumedAt : 0);
  return Math.max(0, Math.ceil((call.durationLimitSec * 1000 - activeMs) / 1000));
}

export function snapshot(call) {
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

/** The call:state a socket gets right after it connects: the user's live call, if any. */
export const statePayload = (live) => ({
  call: live ? snapshot(live) : null,
  you: live ? { away: false, canRejoin: false, rejoinDeadline: null } : null,
});

/** A new call rings: call:incoming to the callee's tabs, call:ringing to the caller's. */
export function announceRequest(io, call) {
  const expiresAt = iso(call.ringDeadline);
  io.to(`user:${call.callee.id}`).emit("call:incoming", { callId: call.id, callerId: call.caller.id, caller: call.caller, type: call.type, expiresAt });
  io.to(`user:${call.caller.id}`).emit("call:ringing", { callId: call.id, calleeId: call.callee.id, expiresAt });
}

/**
 * An accepted call: call:proceed to the two sockets in the call (sockets: user id → socket id), call:clear-all to the
 * participants' other tabs, the caller's wallet with the hold taken.
 */
export function announceAccept(io, call, sockets, callerWallet) {
  for (const [participant, socketId] of sockets) {
    const isCaller = participant === call.caller.id;
    io.to(socketId).emit("call:proceed", {
      callId: call.id, role: isCaller ? "caller" : "callee", type: call.type, durationLimit: call.durationLimitSec,
      remainingTime: remaining(call), media: { provider: "webrtc", initiator: isCaller, iceServers: [] },
    });
  }
  const callSockets = [...sockets.values()];
  const answered = { callId: call.id, reason: "answered_elsewhere" };
  io.to(`user:${call.caller.id}`).except(callSockets).emit("call:clear-all", answered);
  io.to(`user:${call.callee.id}`).except(callSockets).emit("call:clear-all", answered);
  io.to(`user:${call.caller.id}`).emit("wallet:updated", callerWallet);
}

export function announceStart(io, call) {
  io.to(`call:${call.id}`).emit("call:started", { callId: call.id, startedAt: iso(call.startedAt), remainingTime: remaining(call) });
}

/** A settled call: its room emptied, call:ended and call:clear-all to both users, the wallets that moved. */
export function announceEnd(io, call, callerWallet, calleeWallet) {
  io.in(`call:${call.id}`).socketsLeave(`call:${call.id}`);
  const ended = { callId: call.id, status: call.status, reason: call.endReason, billedSeconds: call.billedSeconds, coinsCharged: call.coinsCharged, endedAt: iso(call.endedAt) };
  for (const userId of [call.caller.id, call.callee.id]) {
    io.to(`user:${userId}`).emit("call:ended", ended);
    io.to(`user:${userId}`).emit("call:clear-all", { callId: call.id, reason: call.endReason });
  }
  if (call.holdCoins > 0) {
    io.to(`user:${call.caller.id}`).emit("wallet:updated", callerWallet);
    if (call.coinsCharged > 0) io.to(`user:${call.callee.id}`).emit("wallet:updated", calleeWallet);
  }
}
