import { useEffect, useRef, useState } from 'react';

/**
 * Plays a MediaStream. A browser that refuses to autoplay sound (after a reload, before any click)
 * gets the stream muted and an "Unmute" button.
 */
export default function MediaTile({ stream, kind = 'video', self = false, label, overlay, testId }) {
  const ref = useRef(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.muted = self;
    element.srcObject = stream ?? null;
    if (!stream) return;
    element.play().catch(() => {
      if (self) return;
      element.muted = true;
      setBlocked(true);
      element.play().catch(() => {});
    });
  }, [stream, self]);

  function unmute() {
    ref.current.muted = false;
    ref.current.play().catch(() => {});
    setBlocked(false);
  }

  const Element = kind === 'video' ? 'video' : 'audio';
  return (
    <figure className={`tile ${self ? 'self' : 'remote'} ${kind}`}>
      <Element ref={ref} autoPlay playsInline data-testid={testId} />
      {kind !== 'video' && <div className="avatar">{label?.[0] ?? '?'}</div>}
      <figcaption>{label}</figcaption>
      {overlay && <div className="overlay">{overlay}</div>}
      {blocked && <button className="unmute" onClick={unmute}>Unmute</button>}
    </figure>
  );
}
