import { formatSeconds, useCountdown } from '../call/useCountdown.js';

/**
 * The time left, as the server last said, ticking locally while the call's timer runs. `stoppedLabel`
 * says why it does not run (paused, or not started until the media connects).
 */
export default function Countdown({ countdown, warning, stoppedLabel = 'paused' }) {
  const seconds = useCountdown(countdown);
  if (seconds === null) return null;
  return (
    <div className={`countdown ${warning ? 'warning' : ''}`}>
      <span data-testid="countdown" data-seconds={seconds} data-running={String(countdown.running)}>
        {formatSeconds(seconds)}
      </span>
      {!countdown.running && <span className="muted"> ({stoppedLabel})</span>}
      {warning && <span className="warning-text"> Time is almost up</span>}
    </div>
  );
}
