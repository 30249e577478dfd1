// Runs one named scenario of the official socket.io-client against a Toki server and prints its result as one
// JSON line. Usage: node socketio/driver.mjs <url> <scenario> [options-json]
// Options: transports (default ["polling","websocket"]), plus scenario-specific ones documented below.
import { io } from "socket.io-client";

const [url, scenario, optionsJson = "{}"] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const transports = options.transports ?? ["polling", "websocket"];
const sockets = [];

function connect(namespace = "/", extra = {}) {
  const socket = io(url + (namespace === "/" ? "" : namespace), {
    forceNew: true,
    reconnection: false,
    transports,
    ...extra,
  });
  sockets.push(socket);
  return socket;
}

// Resolves with the event's arguments; rejects after a timeout so a missing event fails the scenario.
function next(emitter, event, ms = 5000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${ms} ms`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

// Emits with an acknowledgement callback and resolves with all of its arguments (emitWithAck keeps only the first).
function ack(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for "${event}"`)), 5000);
    socket.emit(event, ...args, (...answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

async function connected(socket) {
  if (socket.connected) return;
  const result = await Promise.race([next(socket, "connect").then(() => null), next(socket, "connect_error")]);
  if (result) throw new Error(`connect_error: ${result[0].message}`);
}

const hex = (value) => (Buffer.isBuffer(value) ? "hex:" + value.toString("hex") : value);

// Replaces every Buffer in a value by "hex:..." so results compare as plain JSON.
function plain(value) {
  if (Buffer.isBuffer(value)) return hex(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const scenarios = {};

// Connect, server echo, client->server ack, server->client ack; with {upgrade:true} waits for the WebSocket upgrade first.
scenarios.roundtrip = async () => {
  const socket = connect();
  const firstTransport = socket.io.engine.transport.name;
  const upgraded = options.upgrade ? next(socket.io.engine, "upgrade") : null;
  await connected(socket);
  await upgraded;
  socket.on("question", (...args) => {
    const callback = args.pop();
    callback(args[0] * 2, "answered");
  });
  const echo = next(socket, "echo");
  socket.emit("echo", 1, "two", { three: [3, "\u00e9\u2122"] }, null, true);
  const echoed = await echo;
  const acked = await ack(socket, "echo-ack", "a", { b: [1, 2.5] });
  const asked = await ack(socket, "ask-client", 7);
  return { firstTransport, transport: socket.io.engine.transport.name, echoed, acked, asked };
};

// Binary both ways: top-level and nested Buffers echoed verbatim, parsed by the server, sent by the server, in acks.
scenarios.binary = async () => {
  const socket = connect();
  await connected(socket);
  socket.on("question", (...args) => args.pop()({ file: Buffer.from([9, 8]), of: plain(args[0]) }));
  const echo = next(socket, "echo");
  socket.emit("echo", Buffer.from([1, 2, 3]), { name: "f", data: Buffer.from([4]), parts: [Buffer.from([5]), Buffer.alloc(0)] });
  const echoed = plain(await echo);
  const parsed = await ack(socket, "parse-upload", { name: "up", data: Buffer.from([1, 2, 250]) }, Buffer.from([7, 7]));
  const fromServer = next(socket, "server-binary");
  socket.emit("send-binary");
  const sent = plain(await fromServer);
  const binaryAck = plain(await ack(socket, "echo-ack", Buffer.from([0xde, 0xad])));
  const asked = plain(await ack(socket, "ask-client", Buffer.from([1])));
  return { echoed, parsed, sent, binaryAck, asked };
};

// {size}: a string and a Buffer of that many bytes, each way.
scenarios.large = async () => {
  const socket = connect();
  await connected(socket);
  const text = "x".repeat(options.size - 1) + "y";
  const bytes = Buffer.alloc(options.size, 0);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
  const echo = next(socket, "echo", 20000);
  socket.emit("echo", text, bytes);
  const [textBack, bytesBack] = await echo;
  const lengths = await ack(socket, "lengths", text, bytes);
  return { textEqual: textBack === text, bytesEqual: Buffer.compare(bytesBack, bytes) === 0, lengths, transport: socket.io.engine.transport.name };
};

// The server asks and the client never answers: the server's ack timeout reaches the client through an ack.
scenarios["ack-timeout"] = async () => {
  const socket = connect();
  await connected(socket);
  let asked = 0;
  socket.on("ignored", () => asked++);
  const answer = await ack(socket, "ask-client-timeout", 300);
  return { asked, answer };
};

// Three clients: a in r1, b in r1 and r2, c in r2; each reports what it received before the fence.
scenarios.rooms = async () => {
  const [a, b, c] = [connect(), connect(), connect()];
  await Promise.all([a, b, c].map(connected));
  const received = [a, b, c].map((socket) => {
    const events = [];
    socket.onAny((event, ...args) => {
      if (event !== "fence") events.push([event, ...args]);
    });
    return events;
  });
  const fenced = Promise.all([a, b, c].map((socket) => next(socket, "fence")));
  await ack(a, "join", "r1");
  await ack(b, "join", "r1");
  await ack(b, "join", "r2");
  await ack(c, "join", "r2");
  await ack(a, "to-room", "r1", "t1");
  await ack(a, "io-to-room", "r1", "t2");
  await ack(a, "io-to-room-except", "r2", "r1", "t3");
  await ack(c, "broadcast", "t4");
  await ack(c, "to-room-except", "r2", "r1", "t5");
  await ack(b, "leave", "r1");
  await ack(a, "to-room", "r1", "t6");
  await ack(a, "fence-all");
  await fenced;
  return { a: received[0], b: received[1], c: received[2] };
};

// A rejecting middleware, then an accepted token, then an unknown namespace.
scenarios.middleware = async () => {
  const refused = connect("/private", { auth: { token: "bad" } });
  const [error] = await next(refused, "connect_error");
  const accepted = connect("/private", { auth: { token: "good" } });
  await connected(accepted);
  const unknown = connect("/nope");
  const [invalid] = await next(unknown, "connect_error");
  return {
    refused: { message: error.message, data: error.data ?? null, active: refused.active },
    accepted: accepted.connected,
    invalid: { message: invalid.message, data: invalid.data ?? null },
  };
};

// {drops, seenBeforeDrop}: the server is armed to emit two events while the client is away; the client drops
// its connection with engine.close() and must reconnect, recover and get them, on every drop.
scenarios.recovery = async () => {
  const socket = connect("/", { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 100, randomizationFactor: 0 });
  await connected(socket);
  const id = socket.id;
  const missed = [];
  socket.on("missed", (...args) => missed.push(args));
  if (options.seenBeforeDrop) {
    const echo = next(socket, "echo");
    socket.emit("echo", "before");
    await echo;
  }
  const drops = [];
  for (let drop = 1; drop <= options.drops; drop++) {
    await ack(socket, "arm", drop, 2);
    const reasons = [];
    socket.once("disconnect", (reason) => reasons.push(reason));
    const reconnected = next(socket, "connect", 10000);
    socket.io.engine.close();
    await reconnected;
    const recovered = socket.recovered;
    while (missed.length < 2) await next(socket, "missed");
    const echo = next(socket, "echo");
    socket.emit("echo", "after", drop);
    drops.push({ reason: reasons[0], recovered, sameId: socket.id === id, missed: missed.splice(0), after: await echo });
  }
  return { id, drops };
};

// Three ways to end a socket; the client-side reasons, and the ids so the test can check the server's reasons.
// Over WebSocket only: a client that exits in the middle of an upgrade leaves the server nothing to notice but
// the heartbeat, which is not what this scenario is about.
scenarios.disconnects = async () => {
  const kicked = connect("/", { transports: ["websocket"] });
  const leaving = connect("/", { transports: ["websocket"] });
  const dropped = connect("/", { transports: ["websocket"] });
  await Promise.all([kicked, leaving, dropped].map(connected));
  const ids = { kicked: kicked.id, leaving: leaving.id, dropped: dropped.id };
  const kickedReason = next(kicked, "disconnect");
  kicked.emit("disconnect-me");
  const leavingReason = next(leaving, "disconnect");
  leaving.disconnect();
  const droppedReason = next(dropped, "disconnect");
  dropped.io.engine.close();
  const reasons = {
    kicked: (await kickedReason)[0],
    leaving: (await leavingReason)[0],
    dropped: (await droppedReason)[0],
  };
  return { ids, reasons, kickedActive: kicked.active };
};

// Disconnects every socket and waits until each engine has really closed, so that what a socket sent last (a
// DISCONNECT, a close packet) has reached the server before the process exits.
async function shutdown() {
  await Promise.all(
    sockets.map((socket) => {
      const engine = socket.io.engine;
      if (!engine || engine.readyState === "closed") return undefined;
      const closed = new Promise((resolve) => engine.once("close", resolve));
      socket.disconnect();
      return Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 500))]);
    }),
  );
}

let exitCode = 0;
try {
  const run = scenarios[scenario];
  if (!run) throw new Error(`unknown scenario ${scenario}`);
  const result = await run();
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(error?.stack ?? String(error));
  exitCode = 1;
}
await shutdown();
process.exit(exitCode);
