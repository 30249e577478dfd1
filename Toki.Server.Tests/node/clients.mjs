// Remote-controlled official socket.io-client instances for the end-to-end tests.
// stdin: one JSON command per line; stdout: one JSON record per line.
//   {"cmd":"sign","ref":1,"payload":{...},"secret":"s","options":{...}}            -> {"type":"signed","ref":1,"token":"..."}
//   {"cmd":"connect","id":"a1","url":"http://127.0.0.1:1234","options":{...}}     -> {"type":"connect","id","sid","pid","recovered","transport"} | {"type":"connect_error","id","message","data"}
//   {"cmd":"emit","id":"a1","event":"call:request","args":[{...}],"ref":7}        -> {"type":"ack","ref":7,"args":[...]} (or {"type":"ack-timeout","ref":7})
//   {"cmd":"emit","id":"a1","event":"x","args":[...]}                             (no ack requested)
//   {"cmd":"drop","id":"a1"}        the network drops: the transport closes, the client reconnects by itself
//   {"cmd":"disconnect","id":"a1"}  the client leaves (socket.disconnect())
//   {"cmd":"reconnect","id":"a1"}   socket.connect() again after a disconnect
//   {"cmd":"answer","id":"a1","value":{...}}  from now on, events the server sends with an ack are answered with value
//   {"cmd":"auth","id":"a1","auth":{...}}  replaces socket.auth, which the client sends on its next (re)connect
//   binary values: {"$binary":"<base64>"} in emitted args (and answers) becomes a Buffer; a Buffer or ArrayBuffer
//   received is recorded as {"$binary":"<base64>","$type":"Buffer"|"ArrayBuffer"}
//   every event the server emits    -> {"type":"event","id","event","args":[...],"ack":true|false}
//   disconnects                     -> {"type":"disconnect","id","reason"}
import { io } from "socket.io-client";
import jwt from "jsonwebtoken";
import readline from "node:readline";

const sockets = new Map();
const answers = new Map();
const out = (record) => process.stdout.write(JSON.stringify(record) + "\n");

// Emitted args: {"$binary": base64} anywhere becomes a Buffer, so tests can send attachments.
function decodeBinary(value) {
  if (Array.isArray(value)) return value.map(decodeBinary);
  if (value && typeof value === "object") {
    if (typeof value.$binary === "string" && Object.keys(value).length === 1) return Buffer.from(value.$binary, "base64");
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBinary(v)]));
  }
  return value;
}

// Received args: Buffers and ArrayBuffers become {"$binary", "$type"} so they survive JSON.
function encodeBinary(value) {
  if (Buffer.isBuffer(value)) return { $binary: value.toString("base64"), $type: "Buffer" };
  if (value instanceof ArrayBuffer) return { $binary: Buffer.from(value).toString("base64"), $type: "ArrayBuffer" };
  if (Array.isArray(value)) return value.map(encodeBinary);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBinary(v)]));
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
    out({ type: "event", id, event, args: encodeBinary(args), ack: callback !== null });
    if (callback && answers.has(id)) callback(decodeBinary(answers.get(id)));
  });
}

function emit({ id, event, args = [], ref, timeout = 10000 }) {
  const socket = sockets.get(id);
  if (!socket) return out({ type: "error", ref, message: `no socket ${id}` });
  const values = decodeBinary(args);
  if (ref === undefined) return socket.emit(event, ...values);
  socket.timeout(timeout).emit(event, ...values, (err, ...response) => {
    if (err) out({ type: "ack-timeout", ref });
    else out({ type: "ack", ref, args: encodeBinary(response) });
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
  auth: ({ id, auth }) => { const socket = sockets.get(id); if (socket) socket.auth = auth; },
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
