// Captures what the official Node adapters put on Redis, as golden test data for Toki's codecs
// (Toki.Server.Tests/Cluster/GoldenWireTests.cs). Run once against a scratch redis-server and commit the output:
//   node golden/capture.mjs redis://127.0.0.1:6379 streams > golden/streams.json
//   node golden/capture.mjs redis://127.0.0.1:6379 classic > golden/classic.json
// Two socket.io 4.8.4 servers share the adapter (so requests get answers); a raw subscriber records every pub/sub
// message (channel and bytes), and in streams mode the stream entries and a saved session are read afterwards.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { createClient } from "redis";
import { createAdapter as createStreamsAdapter } from "@socket.io/redis-streams-adapter";
import { createAdapter as createClassicAdapter } from "@socket.io/redis-adapter";

const [url, mode] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const clients = [];
const client = async () => { const c = createClient({ url }); clients.push(c); await c.connect(); return c; };

const admin = await client();
await admin.flushAll();
const spy = await client();
const captured = [];
const steps = [];
let step = "setup";
await spy.pSubscribe("*", (message, channel) => captured.push({ step, channel: channel.toString(), payload: message.toString("base64") }), true);

async function server(name) {
  const pub = await client();
  const adapter = mode === "classic" ? createClassicAdapter(pub, await client()) : createStreamsAdapter(pub);
  const http = createServer();
  const io = new Server(http, { adapter, ...(mode === "streams" ? { connectionStateRecovery: { maxDisconnectionDuration: 60000 } } : {}) });
  io.on("ask", (arg, callback) => callback({ answeredBy: name, got: arg }));
  await new Promise((r) => http.listen(0, "127.0.0.1", r));
  return { io, http, port: http.address().port };
}

const one = await server("one");
const two = await server("two");
const socket = connect(`http://127.0.0.1:${two.port}`, { transports: ["websocket"] });
socket.on("question", (arg, callback) => callback({ answer: 42, arg }));
await new Promise((r) => socket.on("connect", r));
await sleep(300);

async function run(name, action) {
  step = name;
  steps.push(name);
  await action();
  await sleep(200);
}

await run("plain", () => one.io.emit("plain", 1, "two", { three: [3] }, true, null, 1.5, -7, 2 ** 40));
await run("room", () => one.io.to("room1").emit("room", "x"));
await run("rooms-except", () => one.io.to(["room1", "room2"]).except("muted").emit("rooms", { a: 1 }));
await run("volatile", () => one.io.volatile.emit("volatile", "v"));
await run("buffer", () => one.io.emit("buffer", Buffer.from([1, 2, 3]), { nested: Buffer.from([255]) }));
await run("arraybuffer", () => one.io.emit("arraybuffer", new Uint8Array([4, 5]).buffer, new Uint8Array([6, 7])));
await run("undefined", () => one.io.emit("undefined", { kept: 1, dropped: undefined }, [undefined, 2]));
await run("date", () => one.io.emit("date", new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678))));
await run("long-string", () => one.io.emit("long-string", "x".repeat(40), "é😀"));
await run("sockets-join", () => one.io.in("room1").except("muted").socketsJoin(["joined", "also"]));
await run("sockets-leave", () => one.io.in("room1").socketsLeave("joined"));
await run("disconnect-sockets", () => one.io.in("nobody").disconnectSockets(true));
await run("fetch-sockets", () => one.io.fetchSockets());
await run("server-side-emit", () => one.io.serverSideEmit("note", "n", Buffer.from([9])));
await run("server-side-emit-ack", () => one.io.serverSideEmitWithAck("ask", { q: 1 }));
await run("broadcast-ack", () => one.io.timeout(1000).emitWithAck("question", "q"));

const output = { mode, captured, steps };
if (mode === "streams") {
  output.entries = (await admin.xRange("socket.io", "-", "+")).map((e) => ({ id: e.id, fields: e.message }));
  step = "session";
  const csr = connect(`http://127.0.0.1:${two.port}`, { transports: ["websocket"] });
  await new Promise((r) => csr.on("connect", r));
  csr.io.engine.close();
  await sleep(300);
  const keys = await admin.keys("sio:session:*");
  output.sessions = await Promise.all(keys.map(async (key) => ({ key, value: await admin.get(key) })));
  csr.disconnect();
}
process.stdout.write(JSON.stringify(output, null, 1) + "\n");
socket.disconnect();
for (const s of [one, two]) { s.io.close(); }
await sleep(200);
for (const c of clients) { try { await c.quit(); } catch { } }
process.exit(0);
