import { useEffect, useState } from 'react';
import Countdown from './Countdown.jsx';

function secondsUntil(iso) {
  return iso ? Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 1000)) : null;
}

/** After a soft end (or a reload past the grace): Rejoin until the deadline, or leave for good. */
export default function AwayPanel({ state, actions }) {
  const { away, countdown } = state;
  const [left, setLeft] = useState(() => secondsUntil(away.rejoinDeadline));

  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsUntil(away.rejoinDeadline)), 500);
    return () => clearInterval(timer);
  }, [away.rejoinDeadline]);

  return (
    <section className="panel away" data-testid="away">
      <h2>You left the call</h2>
      <Countdown countdown={countdown} />
      {away.canRejoin && (
        <p>
          You can rejoin once{left !== null && <> within about <b data-testid="rejoin-left">{left}</b> s</>}.
        </p>
      )}
      {!away.canRejoin && !away.error && <p>This call can no longer be rejoined; it will end shortly.</p>}
      {away.error && <p className="error" role="alert" data-testid="rejoin-error">{rejoinErrorText(away.error)}</p>}
      <div className="row">
        <button className="accept" disabled={!away.canRejoin} onClick={actions.rejoin}>Rejoin</button>
        <button className="danger" onClick={actions.endPermanently}>End permanently</button>
      </div>
    </section>
  );
}

function rejoinErrorText(error) {
  switch (error.code) {
    case 'rejoin_used': return 'You already rejoined this call once (rejoin_used).';
    case 'rejoin_expired': return 'The time to rejoin has passed (rejoin_expired).';
    default: return `${error.message} (${error.code})`;
  }
}
