import { useEffect, useState } from 'react';

/** Seconds left: the last server value, minus the time since it arrived while the timer runs. */
export function secondsLeft(countdown, now = performance.now()) {
  if (!countdown) return null;
  if (!countdown.running) return countdown.seconds;
  return Math.max(0, Math.ceil(countdown.seconds - (now - countdown.at) / 1000));
}

/** Re-renders a few times a second while the countdown runs. */
export function useCountdown(countdown) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!countdown?.running) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), 250);
    return () => clearInterval(timer);
  }, [countdown]);
  return secondsLeft(countdown);
}

export function formatSeconds(total) {
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
