import { useState } from 'react';
import { DEMO_USERS } from './Login.jsx';

/** Whom to call and how; the other demo user is filled in. */
export default function CallForm({ userId, onCall, disabled }) {
  const others = DEMO_USERS.filter((user) => user.id !== userId);
  const [calleeId, setCalleeId] = useState(others[0]?.id ?? '');
  const callee = calleeId.trim();

  return (
    <section className="panel">
      <h2>Call someone</h2>
      <div className="row">
        <label>
          Callee id{' '}
          <input value={calleeId} onChange={(e) => setCalleeId(e.target.value)} data-testid="callee-id" />
        </label>
        {others.map((user) => (
          <button key={user.id} className="link" onClick={() => setCalleeId(user.id)}>{user.name}</button>
        ))}
      </div>
      <div className="row">
        <button disabled={disabled || !callee} onClick={() => onCall(callee, 'audio')}>Audio call</button>
        <button disabled={disabled || !callee} onClick={() => onCall(callee, 'video')}>Video call</button>
      </div>
    </section>
  );
}
