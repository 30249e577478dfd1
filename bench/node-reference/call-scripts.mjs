// The Lua scripts through which call-cluster.mjs changes users and calls in Redis. Each transition is one script, so
// it runs atomically on the Redis server: of two racing call:accepts (on one process or two) the first one wins and the
// second finds the call accepted. Times come from Redis's clock (TIME), the one clock both processes share.
//
// Keys: user:<id> and call:<id> hold JSON documents (the same fields as server.mjs's objects; a call's joined user
// ids as an array, its sockets as { userId: socketId }); online:<id> counts the user's connected sockets over all
// processes. A settled call's key is deleted, as server.mjs drops it from its Map.
// ARGV[1] is the call id and ARGV[2] the acting user id, then each script's own arguments.
import { CONNECT_TIMEOUT_MS, MAX_DURATION_SEC, RATE_PER_MINUTE, RING_TIMEOUT_MS } from "./common.mjs";

const PRELUDE = `
local RATE, MAX_DURATION, RING_MS, CONNECT_MS = ${RATE_PER_MINUTE}, ${MAX_DURATION_SEC}, ${RING_TIMEOUT_MS}, ${CONNECT_TIMEOUT_MS}
local NULL = cjson.null
local function get(key)
  local raw = redis.call('GET', key)
  if raw then return cjson.decode(raw) end
  return nil
end
local function put(key, value) redis.call('SET', key, cjson.encode(value)) end
local function refuse(code, status) return cjson.encode({ refusal = code, status = status }) end
local function busy(user) return user.currentCallId ~= nil and user.currentCallId ~= NULL end
local function wallet(user) return { coins = user.coins, heldCoins = user.heldCoins, earnings = user.earnings } end
local function limit(coins) return math.min(MAX_DURATION, math.floor(coins * 60 / RATE)) end
local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function participant_call()
  local call = get('call:' .. ARGV[1])
  if not call then return nil, refuse('call_not_found') end
  if call.caller.id ~= ARGV[2] and call.callee.id ~= ARGV[2] then return nil, refuse('not_participant') end
  return call
end
-- Settles the call: the hold released, the active seconds charged to the caller and earned by the callee, both users
-- off the call, the call's key deleted. refusal (optional) is what the acting user's ack reports.
local function hard_end(call, status, reason, endedBy, refusal)
  local now = now_ms()
  if call.status == 'active' then call.activeMs = call.activeMs + math.max(0, now - call.lastResumedAt) end
  call.status, call.endReason, call.endedBy, call.endedAt = status, reason, endedBy, now
  call.lastResumedAt, call.ringDeadline, call.connectDeadline = NULL, NULL, NULL
  call.billedSeconds = math.min(call.durationLimitSec, math.ceil(call.activeMs / 1000))
  call.coinsCharged = math.min(call.holdCoins, math.ceil(call.billedSeconds * RATE / 60))
  call.settledAt = now
  call.version = call.version + 1
  local caller, callee = get('user:' .. call.caller.id), get('user:' .. call.callee.id)
  caller.heldCoins = caller.heldCoins - call.holdCoins
  caller.coins = caller.coins + call.holdCoins - call.coinsCharged
  callee.earnings = callee.earnings + call.coinsCharged
  for _, user in ipairs({ caller, callee }) do
    if user.currentCallId == call.id then
      user.isOnCall, user.currentCallId = false, NULL
    end
    put('user:' .. user.id, user)
  end
  redis.call('DEL', 'call:' .. call.id)
  return cjson.encode({ call = call, ended = true, refusal = refusal, callerWallet = wallet(caller), calleeWallet = wallet(callee) })
end
`;

// ARGV: callId (new), callerId, calleeId, type, the caller's socket id.
const REQUEST = `
local callId, callerId, calleeId = ARGV[1], ARGV[2], ARGV[3]
local caller, callee = get('user:' .. callerId), get('user:' .. calleeId)
if not caller then return refuse('caller_unknown') end
if not callee then return refuse('callee_unknown') end
if busy(caller) then return refuse('caller_busy') end
if busy(callee) then return refuse('callee_busy') end
if tonumber(redis.call('GET', 'online:' .. calleeId) or '0') <= 0 then return refuse('callee_offline') end
if caller.coins < RATE then return refuse('insufficient_coins') end
local now = now_ms()
local call = {
  id = callId, caller = { id = caller.id, name = caller.name }, callee = { id = callee.id, name = callee.name },
  type = ARGV[4], status = 'pending', createdAt = now, acceptedAt = NULL, startedAt = NULL, endedAt = NULL,
  endReason = NULL, endedBy = NULL, durationLimitSec = limit(caller.coins), activeMs = 0, lastResumedAt = NULL,
  joined = {}, ringDeadline = now + RING_MS, connectDeadline = NULL, holdCoins = 0, coinsCharged = 0,
  billedSeconds = 0, settledAt = NULL, version = 1, sockets = { [callerId] = ARGV[5] },
}
put('call:' .. callId, call)
for _, user in ipairs({ caller, callee }) do
  user.isOnCall, user.currentCallId = true, callId
  put('user:' .. user.id, user)
end
return cjson.encode({ call = call })
`;

// ARGV: callId, userId, the accepting socket's id.
const ACCEPT = `
local call, refusal = participant_call()
if not call then return refusal end
if call.callee.id ~= ARGV[2] then return refuse('not_callee') end
if call.status ~= 'pending' then return refuse('accept_state', call.status) end
local caller = get('user:' .. call.caller.id)
if caller.coins < RATE then return hard_end(call, 'cancelled', 'insufficient_coins', NULL, 'caller_short') end
local now = now_ms()
call.status, call.acceptedAt = 'accepted', now
call.durationLimitSec = limit(caller.coins)
call.holdCoins = math.ceil(call.durationLimitSec * RATE / 60)
caller.coins = caller.coins - call.holdCoins
caller.heldCoins = caller.heldCoins + call.holdCoins
call.connectDeadline = now + CONNECT_MS
call.version = call.version + 1
call.sockets[ARGV[2]] = ARGV[3]
put('call:' .. call.id, call)
put('user:' .. caller.id, caller)
return cjson.encode({ call = call, callerWallet = wallet(caller) })
`;

// ARGV: callId, userId.
const JOINED = `
local call, refusal = participant_call()
if not call then return refusal end
if call.status ~= 'accepted' and call.status ~= 'active' then return refuse('join_state', call.status) end
for _, id in ipairs(call.joined) do
  if id == ARGV[2] then return cjson.encode({ call = call }) end
end
table.insert(call.joined, ARGV[2])
call.version = call.version + 1
local started = false
if call.status == 'accepted' and #call.joined == 2 then
  local now = now_ms()
  call.status, call.startedAt, call.lastResumedAt, call.connectDeadline = 'active', now, now, NULL
  started = true
end
put('call:' .. call.id, call)
return cjson.encode({ call = call, started = started })
`;

// ARGV: callId, userId, '1' when the payload's 'permanent' is malformed. Every end is hard (no rejoin window).
const END = `
local call, refusal = participant_call()
if not call then return refusal end
if ARGV[3] == '1' then return refuse('bad_permanent') end
if call.status == 'pending' then
  local how = (call.caller.id == ARGV[2]) and 'cancelled' or 'rejected'
  return hard_end(call, how, how, ARGV[2])
end
return hard_end(call, 'ended', 'hung_up', ARGV[2])
`;

// A deadline (ring, connect, duration) some process timed. ARGV: callId, the status the deadline belongs to, the end
// status, the end reason. Nil when the call has moved on (or ended) meanwhile, wherever that happened.
const DEADLINE = `
local call = get('call:' .. ARGV[1])
if not call or call.status ~= ARGV[2] then return false end
return hard_end(call, ARGV[3], ARGV[4], NULL)
`;

export const SCRIPTS = Object.fromEntries(
  Object.entries({ request: REQUEST, accept: ACCEPT, joined: JOINED, end: END, deadline: DEADLINE }).map(([name, body]) => [name, PRELUDE + body]),
);
