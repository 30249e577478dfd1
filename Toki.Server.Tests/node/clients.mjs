// Remote-controlled official socket.io-client instances for the end-to-end tests.
// stdin: one JSON command per line; stdout: one JSON record per line.
//   {"cmd":"sign","ref":1,"payload":{...},"secret":"s","options":{...}}            -> {"type":"signed","ref":1,"token":"..."}
//   {"cmd":"connect","id":"a1","url":"http://127.0.0.1:1234","options":{...}}     -> {"type":"connect","id","sid","recovered","transport"} | {"type":"connect_error","id","message","data"}
//   {"cmd":"emit","id":"a1","event":"call:request","args":[{...}],"ref":7}        -> {"type":"ack","ref":7,"args":[...]} (or {"type":"ack-timeout","ref":7})
//   {"cmd":"emit","id":"a1","event":"x","args":[...]}                             (no ack requested)
//   {"cmd":"drop","id":"a1"}        the network drops: the transport closes, the client reconnects by itself
//   {"cmd":"disconnect","id":"a1"}  the client leaves (socket.disconnect())
//   {"cmd":"reconnect","id":"a1"}   socket.connect() again after a disconnect
//   {"cmd":"answer","id":"a1","value":{...}}  from now on, events the server sends with an ack are answered with value
//   every event the server emits    -> {"type":"event","id","event","args":[...]}
// Binary values travel as {"$bin":"<hex>"} in both directions: emitted as Buffers, received Buffers and ArrayBuffers shown so.
//   disconnects                     -> {"type":"disconnect","id","reason"}
import { io } from "socket.io-client";
import jwt from "jsonwebtoken";
import readline from "node:readline";

const sockets = new Map();
const answers = new Map();
const out = (record) => process.stdout.write(JSON.stringify(toWire(record)) + "\n");

function toWire(value) {
  if (Buffer.isBuffer(value)) return { $bin: value.toString("hex") };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(value).toString("hex") };
  if (ArrayBuffer.isView(value)) return { $bin: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex") };
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  return value;
}

function fromWire(value) {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$bin") return Buffer.from(value.$bin, "hex");
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v)]));
  }
  return value;
}

function connect({ id, url, options }) {
  const socket = io(url, { forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 300, ...options });
  sockets.set(id, socket);
  socket.on("connect", () => out({ type: "connect", id, sid: socket.id, pid: socket._pid ?? null, recovered: socket.recovered, transport: socket.io.engine.transport.name }));
  socket.on("connect_error", (err) => out({ type: "connect_error", id, message: err.message, data: err.data ?? null }));
  socket.on("disconnect", (reason) => out({ type: "disconnect", id, reason }));
  socket.onAny((event, ...args) => {
    const callback = typeof args[args.length - 1] === "function" ? args.pop() : null;
    out({ type: "event", id, event, args, ack: callback !== null });
    if (callback && answers.has(id)) callback(fromWire(answers.get(id)));
  });
}

function emit({ id, event, args: wireArgs = [], ref, timeout = 10000 }) {
  const socket = sockets.get(id);
  if (!socket) return out({ type: "error", ref, message: `no socket ${id}` });
  const args = fromWire(wireArgs);
  if (ref === undefined) return socket.emit(event, ...args);
  socket.timeout(timeout).emit(event, ...args, (err, ...response) => {
    if (err) out({ type: "ack-timeout", ref });
    else out({ type: "ack", ref, args: response });
  });
}

const commands = {
  connect,
  // Tokens come from the npm jsonwebtoken package, as a MERN backend mints them.
  sign: ({ ref, payload, secret, options }) => out({ type: "signed", ref, token: jwt.sign(payload, secret, options ?? {}) }),
  emit,
  drop: ({ id }) => sockets.get(id)?.io.engine.close(),
  disconnect: ({ id }) => sockets.get(id)?.disconnect(),
  reconnect: ({ id }) => sockets.get(id)?.connect(),
  answer: ({ id, value }) => answers.set(id, value),
  exit: () => { for (const s of sockets.values()) s.disconnect(); process.exit(0); },
};

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  let command;
  try { command = JSON.parse(line); } catch { return out({ type: "error", message: `bad command: ${line}` }); }
  const handler = commands[command.cmd];
  if (!handler) return out({ type: "error", ref: command.ref, message: `unknown command ${command.cmd}` });
  try { handler(command); } catch (e) { out({ type: "error", ref: command.ref, message: String(e) }); }
});
process.stdin.on("end", () => process.exit(0));
out({ type: "ready" });
