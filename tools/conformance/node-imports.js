// Stands in for the suites' own node-imports.js: the same globals (fetch, WebSocket, chai with chai-string), with a
// WebSocket that hands incoming frames over one at a time, as a browser does.
//
// Why: the suites read a socket with one-shot listeners (`await waitFor(socket, "message")`, then the next). The
// `ws` client emits every frame of one TCP read synchronously, one after the other, so when the server's frames
// arrive together the second is emitted before the test's continuation has added its next listener, and is lost:
// the test then waits forever. A browser dispatches each frame as a task of its own, with the promise
// continuations of the previous one run in between. Here each message (and the close after them) is emitted on
// its own turn of the event loop, in arrival order. No test or assertion changes.
import fetch from "node-fetch";
import { WebSocket as NodeWebSocket } from "ws";
import chai from "chai";
import chaiString from "chai-string";

class OneFrameAtATimeWebSocket extends NodeWebSocket {
  #pending = [];
  #scheduled = false;

  emit(name, ...args) {
    if (name !== "message" && name !== "close") {
      return super.emit(name, ...args);
    }
    this.#pending.push([name, args]);
    this.#schedule();
    return true;
  }

  #schedule() {
    if (!this.#scheduled && this.#pending.length > 0) {
      this.#scheduled = true;
      setImmediate(() => this.#deliverOne());
    }
  }

  #deliverOne() {
    this.#scheduled = false;
    const [name, args] = this.#pending.shift();
    super.emit(name, ...args);
    this.#schedule();
  }
}

chai.use(chaiString);

globalThis.fetch = fetch;
globalThis.WebSocket = OneFrameAtATimeWebSocket;
globalThis.chai = chai;
