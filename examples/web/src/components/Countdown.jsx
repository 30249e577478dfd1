import { formatSeconds, useCountdown } from '../call/useCountdown.js';

/** The time left, as the server last said, ticking locally while the call's timer runs. */
export default function Countdown({ countdown, warning }) {
  const seconds = useCountdown(countdown);
  if (seconds === null) return null;
  return (
    <div className={`countdown ${warning ? 'warning' : ''}`}>
      <span data-testid="countdown" data-seconds={seconds} data-running={String(countdown.running)}>
        {formatSeconds(seconds)}
      </span>
      {!countdown.running && <span className="muted"> (paused)</span>}
      {warning && <span className="warning-text"> Less than a minute left</span>}
    </div>
  );
}
