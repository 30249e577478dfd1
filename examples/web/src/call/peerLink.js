// SimplePeer's browser build: the package's main entry needs Node's stream, Buffer and process
// shims, the prebuilt bundle carries its own.
import SimplePeer from 'simple-peer/simplepeer.min.js';

/**
 * One WebRTC connection to the other participant. Its signals travel through the server as
 * `call:signal { callId, data, link }`; `link` names the connection that sent them, so signals that
 * a torn-down connection sent late can be told apart from the new connection's.
 */
export function createPeerLink({ initiator, stream, iceServers, onSignal, onStream, onConnect, onClose }) {
  const id = crypto.randomUUID();
  const peer = new SimplePeer({ initiator, stream, config: { iceServers }, trickle: true });
  let remoteLink = null;

  peer.on('signal', (data) => onSignal({ data, link: id }));
  peer.on('stream', onStream);
  peer.on('connect', onConnect);
  peer.on('close', onClose);
  peer.on('error', (error) => console.warn('peer connection error:', error.code ?? error.message));

  return {
    id,
    /** The link this connection talks to (the first one it heard from). */
    get remoteLink() {
      return remoteLink;
    },
    signal({ data, link }) {
      if (peer.destroyed) return;
      remoteLink ??= link ?? null;
      peer.signal(data);
    },
    destroy() {
      peer.destroy();
    },
  };
}
