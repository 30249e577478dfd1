import { useCallback, useMemo, useRef, useState } from 'react';
import { getSocket } from '../socket.js';
import { createPeerLink } from './peerLink.js';

const NO_CONTROLS = { muted: false, cameraOff: false };

function getLocalStream(type) {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: type === 'video' });
}

/**
 * The camera and microphone, and the WebRTC connection to the other participant.
 * `start` (re)creates the connection with the `initiator` the server chose; `dropPeer` tears the
 * connection down but keeps the camera; `stopAll` ends everything.
 */
export function useMediaSession() {
  const [localStream, setLocalStream] = useState(null);
  const [remoteStream, setRemoteStream] = useState(null);
  const [linkState, setLinkState] = useState('idle'); // idle | connecting | connected | lost
  const [controls, setControls] = useState(NO_CONTROLS);
  const [mediaError, setMediaError] = useState(null);
  const session = useRef({
    callId: null,
    type: null,
    stream: null, // Promise<MediaStream> for callId
    link: null,
    generation: 0,
    pending: [], // signals that arrived before the connection existed
    deadLinks: new Set(), // remote links of torn-down connections
    controls: NO_CONTROLS,
  });

  const dropPeer = useCallback(() => {
    const s = session.current;
    s.generation += 1;
    if (s.link) {
      if (s.link.remoteLink) s.deadLinks.add(s.link.remoteLink);
      s.link.destroy();
      s.link = null;
    }
    s.pending = [];
    setRemoteStream(null);
    setLinkState('idle');
  }, []);

  const stopAll = useCallback(() => {
    const s = session.current;
    dropPeer();
    s.stream?.then((stream) => stream.getTracks().forEach((track) => track.stop())).catch(() => {});
    s.stream = null;
    s.callId = null;
    s.deadLinks.clear();
    s.controls = NO_CONTROLS;
    setControls(NO_CONTROLS);
    setLocalStream(null);
    setMediaError(null);
  }, [dropPeer]);

  const sendMediaState = useCallback(() => {
    const s = session.current;
    getSocket()?.emit('call:media', { callId: s.callId, ...s.controls });
  }, []);

  const start = useCallback(async ({ callId, type, initiator, iceServers }) => {
    const s = session.current;
    if (s.callId !== callId) stopAll();
    dropPeer();
    const generation = s.generation;
    s.callId = callId;
    s.type = type;
    s.stream ??= getLocalStream(type);
    setLinkState('connecting');
    let stream;
    try {
      stream = await s.stream;
    } catch (error) {
      s.stream = null;
      setMediaError(`Camera or microphone unavailable: ${error.message}`);
      setLinkState('idle');
      return;
    }
    if (generation !== s.generation || s.callId !== callId) return; // superseded meanwhile
    applyControls(stream, s.controls);
    setLocalStream(stream);

    const link = createPeerLink({
      initiator,
      stream,
      iceServers,
      onSignal: ({ data, link: from }) => getSocket()?.emit('call:signal', { callId, data, link: from }),
      onStream: (remote) => s.link === link && setRemoteStream(remote),
      onConnect: () => {
        if (s.link !== link) return;
        setLinkState('connected');
        getSocket()?.emit('call:joined', { callId });
        sendMediaState();
      },
      onClose: () => {
        if (s.link !== link) return;
        setLinkState('lost');
        setRemoteStream(null);
      },
    });
    s.link = link;
    const pending = s.pending;
    s.pending = [];
    pending.forEach((signal) => link.signal(signal));
  }, [dropPeer, stopAll, sendMediaState]);

  /** A `call:signal` from the other participant. */
  const receiveSignal = useCallback(({ callId, data, link }) => {
    const s = session.current;
    if (callId !== s.callId || (link && s.deadLinks.has(link))) return;
    if (s.link) s.link.signal({ data, link });
    else if (s.pending.length < 200) s.pending.push({ data, link });
  }, []);

  const hasPeer = useCallback((callId) => session.current.callId === callId && session.current.link !== null, []);

  const setControl = useCallback((change) => {
    const s = session.current;
    s.controls = { ...s.controls, ...change };
    setControls(s.controls);
    s.stream?.then((stream) => applyControls(stream, s.controls)).catch(() => {});
    if (s.callId) sendMediaState();
  }, [sendMediaState]);

  const toggleMute = useCallback(() => setControl({ muted: !session.current.controls.muted }), [setControl]);
  const toggleCamera = useCallback(() => setControl({ cameraOff: !session.current.controls.cameraOff }), [setControl]);

  const api = useMemo(
    () => ({ start, dropPeer, stopAll, receiveSignal, hasPeer, toggleMute, toggleCamera }),
    [start, dropPeer, stopAll, receiveSignal, hasPeer, toggleMute, toggleCamera],
  );
  return { api, localStream, remoteStream, linkState, controls, mediaError };
}

function applyControls(stream, { muted, cameraOff }) {
  stream.getAudioTracks().forEach((track) => { track.enabled = !muted; });
  stream.getVideoTracks().forEach((track) => { track.enabled = !cameraOff; });
}
