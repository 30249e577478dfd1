// What the call screens show, changed only by the reducer below.
//
// phase: idle → outgoing (I am ringing someone) | incoming (someone rings me)
//        → call (connecting or connected; the server's `accepted`, `active` or `interrupted`)
//        ⇄ away (I left softly and may rejoin) → idle again with `result` once call:ended arrives.

export const initialCallState = {
  phase: 'idle',
  call: null, // { callId, type, role, peer: { id, name }, expiresAt }
  countdown: null, // { seconds, at, running }: the server's remainingTime, received at `at`
  peerAway: null, // { userId, rejoinDeadline }: the other side left softly ("Waiting…")
  away: null, // { rejoinDeadline, canRejoin, error }: I left softly
  peerMedia: { muted: false, cameraOff: false },
  warning: false, // call:time-warning arrived
  mediaNote: null, // media the sample cannot play (Agora credentials)
  result: null, // the last call:ended payload
  notice: null, // an error or information for the user
};

/** A countdown snapped to the server's remainingTime now; it ticks locally while `running`. */
export function snap(seconds, running) {
  return { seconds, at: performance.now(), running };
}

/** The call as this user sees it, from a CallSnapshot. */
export function fromSnapshot(snapshot, userId) {
  const role = snapshot.callerId === userId ? 'caller' : 'callee';
  return {
    callId: snapshot.callId,
    type: snapshot.type,
    role,
    peer: role === 'caller' ? snapshot.callee : snapshot.caller,
    expiresAt: snapshot.ringDeadline,
  };
}

/** The other participant, if it is away in this snapshot. */
export function peerAwayFrom(snapshot, userId) {
  const peerId = snapshot.callerId === userId ? snapshot.calleeId : snapshot.callerId;
  if (!snapshot.interruptedUserIds?.includes(peerId)) return null;
  return { userId: peerId, rejoinDeadline: snapshot.rejoinDeadlines?.[peerId] ?? null };
}

export function callReducer(state, action) {
  switch (action.type) {
    case 'outgoing':
    case 'incoming':
      // call:ringing and the request's ack both announce an outgoing call: keep what is known.
      return {
        ...initialCallState,
        phase: action.type,
        call: state.call?.callId === action.call.callId ? { ...state.call, ...action.call } : action.call,
        result: state.result,
      };
    case 'in-call':
      return {
        ...state,
        phase: 'call',
        call: { ...state.call, ...action.call },
        countdown: action.countdown ?? state.countdown,
        peerAway: action.peerAway === undefined ? state.peerAway : action.peerAway,
        away: null,
        mediaNote: null,
        result: null,
        notice: null,
      };
    case 'countdown':
      return { ...state, countdown: action.countdown, warning: state.warning || Boolean(action.warning) };
    case 'peer-away':
      return { ...state, peerAway: action.peerAway, countdown: action.countdown };
    case 'peer-back':
      return { ...state, peerAway: null, countdown: action.countdown, peerMedia: initialCallState.peerMedia };
    case 'peer-media':
      return { ...state, peerMedia: { muted: Boolean(action.muted), cameraOff: Boolean(action.cameraOff) } };
    case 'peer-reset':
      return { ...state, peerMedia: initialCallState.peerMedia };
    case 'away':
      return {
        ...state,
        phase: 'away',
        call: action.call ? { ...state.call, ...action.call } : state.call,
        countdown: action.countdown,
        away: { rejoinDeadline: action.rejoinDeadline, canRejoin: action.canRejoin, error: null },
        peerAway: null,
      };
    case 'rejoin-failed':
      return { ...state, away: { ...state.away, canRejoin: false, error: action.error } };
    case 'media-unsupported':
      return { ...state, mediaNote: action.note };
    case 'ended':
      return { ...initialCallState, result: action.result };
    case 'reset':
      return { ...initialCallState, result: state.result, notice: action.notice ?? null };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'dismiss':
      return { ...state, result: null, notice: null };
    default:
      throw new Error(`unknown action ${action.type}`);
  }
}
