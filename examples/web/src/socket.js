import { io } from 'socket.io-client';

// One Socket.IO connection per logged-in tab, created after login. It starts unconnected so that the
// components can register their listeners before the server's first event (call:state) arrives.
const serverUrl = import.meta.env.VITE_TOKI_URL || undefined;
let socket = null;

export function openSocket(token) {
  if (socket && socket.auth.token === token) return socket;
  socket?.disconnect();
  socket = io(serverUrl, { auth: { token }, autoConnect: false });
  return socket;
}

export function getSocket() {
  return socket;
}

export function closeSocket() {
  socket?.disconnect();
  socket = null;
}

/** Emits with an acknowledgement; a missing answer becomes an error like the server's own. */
export async function emitAck(event, payload) {
  if (!socket) return { ok: false, error: { code: 'offline', message: 'Not connected.' } };
  try {
    return await socket.timeout(10000).emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'The server did not answer in time.' } };
  }
}
