import Countdown from './Countdown.jsx';
import MediaTile from './MediaTile.jsx';

const LINK_TEXT = { idle: 'Waiting for media…', connecting: 'Connecting…', connected: 'Connected', lost: 'Reconnecting…' };

/** The call: both videos, the countdown, the controls and the "Waiting…" overlay. */
export default function InCall({ state, media, actions }) {
  const { call, countdown, peerAway, peerMedia, warning, mediaNote } = state;
  const kind = call.type === 'audio' ? 'audio' : 'video';
  const peerName = call.peer?.name ?? call.peer?.id ?? 'Peer';
  const peerStatus = [peerMedia.muted && 'muted', peerMedia.cameraOff && kind === 'video' && 'camera off']
    .filter(Boolean)
    .join(', ');

  return (
    <section className="panel in-call" data-testid="in-call" data-call-id={call.callId}>
      <div className="call-bar">
        <h2>{kind === 'video' ? 'Video' : 'Audio'} call with {peerName}</h2>
        <Countdown countdown={countdown} warning={warning} stoppedLabel={peerAway ? 'paused' : 'starts when connected'} />
        <span className="muted" data-testid="link-state">{LINK_TEXT[media.linkState]}</span>
      </div>
      {mediaNote && <p className="notice" role="status">{mediaNote}</p>}
      {media.mediaError && <p className="error" role="alert">{media.mediaError}</p>}
      <div className="tiles">
        <MediaTile
          stream={media.remoteStream}
          kind={kind}
          label={peerStatus ? `${peerName} (${peerStatus})` : peerName}
          testId="remote-video"
          overlay={peerAway && <span data-testid="peer-waiting">Waiting for {peerName} to come back…</span>}
        />
        <MediaTile stream={media.localStream} kind={kind} self label="You" testId="local-video" />
      </div>
      <div className="row">
        <button onClick={actions.toggleMute} aria-pressed={media.controls.muted}>
          {media.controls.muted ? 'Unmute' : 'Mute'}
        </button>
        {kind === 'video' && (
          <button onClick={actions.toggleCamera} aria-pressed={media.controls.cameraOff}>
            {media.controls.cameraOff ? 'Camera on' : 'Camera off'}
          </button>
        )}
        <button className="danger" onClick={actions.end}>End</button>
        <button className="danger" onClick={actions.endPermanently}>End permanently</button>
      </div>
    </section>
  );
}
