// A Node socket.io 4.8 server in a Redis cluster, with the official adapter of the mode, and the probe events the
// cluster interop tests drive (Toki.ClusterNode answers the same events the same way).
//   env PORT, REDIS_URL, MODE=streams|classic, NODE_NAME, RECOVERY_MS (streams: connection state recovery window)
// Probe events, each answered through the acknowledgement (spec first, then the values to emit, if any):
//   whoami()                                      -> { node, sid, recovered, rooms }
//   join(rooms[]) / leave(room)                   -> { rooms }
//   set-data(value)                               -> { ok }
//   emit({ to?, except?, event, broadcast?, local? }, ...args)               io.to(to).except(except).emit(event, ...args)
//   emit-with-ack({ to?, except?, event, timeout }, ...args)                 -> { responses } | { error, responses }
//   fetch({ in?, except?, local? })                                          -> { sockets: [{ id, rooms, data, address, auth }] }
//   server-count()                                                           -> { count }
//   sockets-join({ in?, except?, rooms }) / sockets-leave(...) / disconnect-sockets({ in?, except?, close })
//   server-side-emit({ event, ack? }, ...args)                               -> { responses } | { error } (the adapter's 5 s timeout)
//   server-events()                                                          -> { events: [{ event, args }] } (what other servers sent)
//   all-rooms()                                                              -> { rooms } (classic adapter only: every server's rooms)
// Server-side handlers: "note" records its arguments; "ask" answers { node, got: firstArgument }.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { createClient } from "redis";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createAdapter as createClassicAdapter } from "@socket.io/redis-adapter";

const { PORT, REDIS_URL, MODE = "streams", NODE_NAME = "node", RECOVERY_MS = "120000" } = process.env;
const log = (...args) => console.log(new Date().toISOString(), NODE_NAME, ...args);

const redis = createClient({ url: REDIS_URL });
redis.on("error", (e) => log("redis error", e.message));
await redis.connect();
let adapter;
if (MODE === "classic") {
  const sub = redis.duplicate();
  sub.on("error", (e) => log("redis sub error", e.message));
  await sub.connect();
  adapter = createClassicAdapter(redis, sub);
} else {
  adapter = createStreamsAdapter(redis);
}

const http = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", node: NODE_NAME }));
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, {
  adapter,
  pingInterval: 2000,
  pingTimeout: 2000,
  cookie: true,
  ...(MODE === "streams" ? { connectionStateRecovery: { maxDisconnectionDuration: Number(RECOVERY_MS), skipMiddlewares: true } } : {}),
});

const serverEvents = [];
io.on("note", (...args) => serverEvents.push({ event: "note", args }));
io.on("ask", (arg, callback) => callback({ node: NODE_NAME, got: arg }));

const select = (spec, base = io) => {
  let target = base;
  if (spec?.to?.length) target = target.to(spec.to);
  if (spec?.in?.length) target = target.in(spec.in);
  if (spec?.except?.length) target = target.except(spec.except);
  if (spec?.local) target = target.local;
  return target;
};
const sorted = (rooms) => [...rooms].sort();
const withAck = (handler) => (...args) => {
  const ack = typeof args[args.length - 1] === "function" ? args.pop() : () => {};
  Promise.resolve()
    .then(() => handler(...args))
    .then((answer) => ack(answer ?? { ok: true }), (e) => ack({ error: String(e?.message ?? e) }));
};

io.on("connection", (socket) => {
  socket.on("whoami", withAck(() => ({ node: NODE_NAME, sid: socket.id, recovered: socket.recovered, rooms: sorted(socket.rooms) })));
  socket.on("join", withAck((rooms) => { socket.join(rooms); return { rooms: sorted(socket.rooms) }; }));
  socket.on("leave", withAck((room) => { socket.leave(room); return { rooms: sorted(socket.rooms) }; }));
  socket.on("set-data", withAck((value) => { socket.data = value; }));
  socket.on("emit", withAck((spec, ...args) => { select(spec, spec.broadcast ? socket.broadcast : io).emit(spec.event, ...args); }));
  socket.on("emit-with-ack", withAck(async (spec, ...args) => {
    try {
      return { responses: await select(spec).timeout(spec.timeout ?? 2000).emitWithAck(spec.event, ...args) };
    } catch (e) {
      return { error: String(e.message), responses: e.responses ?? [] };
    }
  }));
  socket.on("fetch", withAck(async (spec) => {
    const sockets = await select(spec).fetchSockets();
    return {
      sockets: sockets.map((s) => ({ id: s.id, rooms: sorted(s.rooms), data: s.data ?? null, address: s.handshake.address, auth: s.handshake.auth }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
  }));
  socket.on("server-count", withAck(async () => ({ count: await io.of("/").adapter.serverCount() })));
  socket.on("sockets-join", withAck((spec) => select(spec).socketsJoin(spec.rooms)));
  socket.on("sockets-leave", withAck((spec) => select(spec).socketsLeave(spec.rooms)));
  socket.on("disconnect-sockets", withAck((spec) => select(spec).disconnectSockets(spec.close ?? false)));
  socket.on("server-side-emit", withAck(async (spec, ...args) => {
    if (!spec.ack) {
      io.serverSideEmit(spec.event, ...args);
      return { ok: true };
    }
    try {
      return { responses: await io.serverSideEmitWithAck(spec.event, ...args) };
    } catch (e) {
      return { error: String(e.message), responses: [] };
    }
  }));
  socket.on("server-events", withAck(() => ({ events: serverEvents.splice(0) })));
  // classic only: the redis adapter's allRooms() asks every server (ALL_ROOMS) for its rooms.
  socket.on("all-rooms", withAck(async () => ({ rooms: [...(await io.of("/").adapter.allRooms())].sort() })));
});

http.listen(Number(PORT), "127.0.0.1", () => log(`listening on ${PORT} (${MODE})`));
