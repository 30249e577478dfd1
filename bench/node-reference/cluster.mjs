// The Node side of the cross-node relay benchmark: socket.io 4.8.4 on @socket.io/redis-streams-adapter 0.3.1, with
// connection state recovery on (as Toki.ClusterNode runs in streams mode). relay({to, ...}) sends the payload on to
// the socket `to`, wherever it is in the cluster, and acknowledges { ok: true }.
//   env PORT, REDIS_URL, NODE_NAME
import { createServer } from "node:http";
import { Server } from "socket.io";
import { createClient } from "redis";
import { createAdapter } from "@socket.io/redis-streams-adapter";

const { PORT, REDIS_URL, NODE_NAME = "node" } = process.env;
const redis = createClient({ url: REDIS_URL });
redis.on("error", (e) => console.error(NODE_NAME, "redis error", e.message));
await redis.connect();

const http = createServer((req, res) => {
  if (req.url === "/healthz") return res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
  res.writeHead(404).end();
});
const io = new Server(http, {
  adapter: createAdapter(redis),
  connectionStateRecovery: { maxDisconnectionDuration: 120000, skipMiddlewares: true },
});
io.on("connection", (socket) => {
  socket.on("relay", (payload, ack) => {
    if (payload && typeof payload.to === "string") {
      io.to(payload.to).emit("relay", payload);
      if (typeof ack === "function") ack({ ok: true });
    } else if (typeof ack === "function") {
      ack({ ok: false });
    }
  });
});
http.listen(Number(PORT), "127.0.0.1", () => console.log(`${NODE_NAME} listening on ${PORT}`));
