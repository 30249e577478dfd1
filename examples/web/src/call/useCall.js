import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { emitAck } from '../socket.js';
import { callReducer, fromSnapshot, initialCallState, peerAwayFrom, snap } from './callState.js';
import { useMediaSession } from './useMediaSession.js';

const TERMINAL = new Set(['ended', 'missed', 'rejected', 'cancelled']);

/**
 * The call of this tab: listens to the server's call events (protocol.md §4), drives the media and
 * offers the actions of §3. `onEnded` runs when a call ends (to refresh balance and history).
 */
export function useCall(socket, userId, onEnded) {
  const [state, reactDispatch] = useReducer(callReducer, initialCallState);
  // The state as of the last action, for the event handlers: events can arrive back to back, before
  // React renders again.
  const current = useRef(state);
  const dispatch = useCallback((action) => {
    current.current = callReducer(current.current, action);
    reactDispatch(action);
  }, []);
  const media = useMediaSession();
  const { api: mediaApi } = media;
  const lastMedia = useRef(null); // the media credentials of the call, for re-creating the connection
  const onEndedRef = useRef(onEnded);
  useEffect(() => {
    onEndedRef.current = onEnded;
  });

  const notice = useCallback((error) => dispatch({ type: 'notice', notice: `${error.message} (${error.code})` }), [dispatch]);

  /** Starts the media for credentials from call:proceed, call:rejoined or call:sync. */
  const startMedia = useCallback((call, credentials, initiator) => {
    if (!credentials) return;
    lastMedia.current = credentials;
    if (credentials.provider !== 'webrtc') {
      mediaApi.stopAll();
      dispatch({
        type: 'media-unsupported',
        note: `The server issued ${credentials.provider} credentials (channel ${credentials.channel ?? '?'}); `
          + 'this sample only wires WebRTC, so there is no audio or video. Run the server without Media:Agora settings.',
      });
      return;
    }
    mediaApi.start({ callId: call.callId, type: call.type, initiator, iceServers: credentials.iceServers ?? [] });
  }, [mediaApi, dispatch]);

  /** After a reload or reconnect: call:sync makes this socket the call socket and returns fresh media. */
  const resume = useCallback(async (callId, keepPeer) => {
    const res = await emitAck('call:sync', { callId });
    if (!res.ok) {
      if (res.error.code === 'call_ended') {
        mediaApi.stopAll();
        dispatch({ type: 'reset', notice: 'The call is over.' });
        onEndedRef.current();
      } else {
        notice(res.error);
      }
      return;
    }
    const call = fromSnapshot(res.call, userId);
    if (res.call.status === 'pending') {
      dispatch({ type: call.role === 'caller' ? 'outgoing' : 'incoming', call });
      return;
    }
    dispatch({
      type: 'in-call',
      call,
      countdown: snap(res.remainingTime, res.call.status === 'active'),
      peerAway: peerAwayFrom(res.call, userId),
    });
    if (keepPeer && mediaApi.hasPeer(callId)) return;
    startMedia(call, res.media, res.initiator);
  }, [userId, mediaApi, startMedia, notice, dispatch]);

  useEffect(() => {
    const isCurrent = (callId) => current.current.call?.callId === callId;
    const handlers = {
      'call:state': ({ call, you }) => {
        if (!call) {
          if (current.current.phase !== 'idle') {
            mediaApi.stopAll();
            dispatch({ type: 'reset', notice: 'The call is over.' });
            onEndedRef.current();
          }
          return;
        }
        const info = fromSnapshot(call, userId);
        if (call.status === 'pending') {
          if (info.role === 'caller') resume(call.callId, false); // take the ringing call over
          else dispatch({ type: 'incoming', call: info });
        } else if (you?.away) {
          mediaApi.stopAll();
          dispatch({
            type: 'away',
            call: info,
            countdown: snap(call.remainingTime, false),
            rejoinDeadline: you.rejoinDeadline,
            canRejoin: you.canRejoin,
          });
        } else {
          resume(call.callId, socket.recovered);
        }
      },
      'call:incoming': (p) => {
        if (current.current.phase !== 'idle') return;
        dispatch({
          type: 'incoming',
          call: { callId: p.callId, type: p.type, role: 'callee', peer: p.caller, expiresAt: p.expiresAt },
        });
      },
      'call:ringing': (p) => {
        if (current.current.phase !== 'idle' && !isCurrent(p.callId)) return;
        const known = isCurrent(p.callId) ? current.current.call.peer : { id: p.calleeId, name: p.calleeId };
        dispatch({
          type: 'outgoing',
          call: { callId: p.callId, role: 'caller', peer: known, expiresAt: p.expiresAt },
        });
      },
      'call:proceed': (p) => {
        const call = { callId: p.callId, type: p.type, role: p.role };
        dispatch({ type: 'in-call', call, countdown: snap(p.remainingTime, false), peerAway: null });
        startMedia(call, p.media, p.media?.initiator);
      },
      'call:started': (p) => isCurrent(p.callId) && dispatch({ type: 'countdown', countdown: snap(p.remainingTime, true) }),
      'call:time-warning': (p) => isCurrent(p.callId)
        && dispatch({ type: 'countdown', countdown: snap(p.remainingTime, true), warning: true }),
      'call:interrupted': (p) => {
        mediaApi.stopAll();
        dispatch({
          type: 'away',
          call: isCurrent(p.callId) ? undefined : { callId: p.callId },
          countdown: snap(p.remainingTime, false),
          rejoinDeadline: p.rejoinDeadline,
          canRejoin: p.canRejoin,
        });
      },
      'call:peer-interrupted': (p) => {
        if (!isCurrent(p.callId)) return;
        mediaApi.dropPeer();
        dispatch({
          type: 'peer-away',
          peerAway: { userId: p.userId, rejoinDeadline: p.rejoinDeadline },
          countdown: snap(p.remainingTime, false),
        });
      },
      // The media starts from the rejoin's ack, which carries the whole call (see actions.rejoin).
      'call:rejoined': (p) => isCurrent(p.callId) && dispatch({
        type: 'in-call',
        call: { callId: p.callId },
        countdown: snap(p.remainingTime, p.status === 'active'),
      }),
      'call:peer-rejoined': (p) => {
        if (!isCurrent(p.callId)) return;
        dispatch({ type: 'peer-back', countdown: snap(p.remainingTime, p.status === 'active') });
        if (current.current.phase === 'call') startMedia(current.current.call, lastMedia.current, false);
      },
      'call:peer-resumed': (p) => {
        if (!isCurrent(p.callId) || current.current.phase !== 'call') return;
        dispatch({ type: 'peer-reset' });
        if (lastMedia.current?.provider === 'webrtc') startMedia(current.current.call, lastMedia.current, p.initiator);
      },
      'call:ended': (p) => {
        mediaApi.stopAll();
        lastMedia.current = null;
        dispatch({ type: 'ended', result: p });
        onEndedRef.current();
      },
      'call:clear-all': (p) => {
        const { phase } = current.current;
        if (p.reason === 'answered_elsewhere' && isCurrent(p.callId) && (phase === 'incoming' || phase === 'outgoing')) {
          dispatch({ type: 'reset', notice: 'The call was answered in another tab.' });
        } else if (p.callId === null && phase !== 'idle') {
          mediaApi.stopAll();
          dispatch({ type: 'reset', notice: 'Your calls were cleared.' });
        }
      },
      'call:media': (p) => isCurrent(p.callId) && dispatch({ type: 'peer-media', muted: p.muted, cameraOff: p.cameraOff }),
      'call:signal': (p) => mediaApi.receiveSignal(p),
    };
    for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
    return () => {
      for (const [event, handler] of Object.entries(handlers)) socket.off(event, handler);
    };
  }, [socket, userId, mediaApi, startMedia, resume, dispatch]);

  // Stop the camera when the component goes away (logout).
  useEffect(() => () => mediaApi.stopAll(), [mediaApi]);

  const actions = useMemo(() => {
    const callId = () => current.current.call?.callId;
    const simple = (event, extra = {}) => async () => {
      const res = await emitAck(event, { callId: callId(), ...extra });
      if (!res.ok) notice(res.error);
      return res;
    };
    return {
      request: async (calleeId, type) => {
        const res = await emitAck('call:request', { calleeId, type });
        if (!res.ok) notice(res.error);
        else if (!TERMINAL.has(res.call.status)) dispatch({ type: 'outgoing', call: fromSnapshot(res.call, userId) });
      },
      accept: simple('call:accept'),
      reject: simple('call:reject'),
      cancel: simple('call:cancel'),
      end: simple('call:end', { permanent: false }),
      endPermanently: simple('call:end', { permanent: true }),
      rejoin: async () => {
        const res = await emitAck('call:rejoin', { callId: callId() });
        if (!res.ok) {
          dispatch({ type: 'rejoin-failed', error: res.error });
          return;
        }
        const call = fromSnapshot(res.call, userId);
        dispatch({
          type: 'in-call',
          call,
          countdown: snap(res.remainingTime, res.call.status === 'active'),
          peerAway: peerAwayFrom(res.call, userId),
        });
        startMedia(call, res.media, res.media?.initiator);
      },
      dismiss: () => dispatch({ type: 'dismiss' }),
      toggleMute: mediaApi.toggleMute,
      toggleCamera: mediaApi.toggleCamera,
    };
  }, [userId, mediaApi, startMedia, notice, dispatch]);

  return { state, media, actions };
}
