import { useState } from 'react';
import { devLogin } from '../api.js';

const DEMO_USERS = [
  { id: 'alice', name: 'Alice' },
  { id: 'bob', name: 'Bob' },
];

/** Picks a demo user; the development token endpoint signs it in. */
export default function Login({ onLogin }) {
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  async function login(userId) {
    setBusy(true);
    setError(null);
    try {
      const { token, name } = await devLogin(userId);
      onLogin({ token, userId, name });
    } catch (e) {
      setError(e.status === 404
        ? `No user "${userId}". The development server seeds alice and bob.`
        : `Login failed: ${e.message}`);
      setBusy(false);
    }
  }

  return (
    <main className="panel login">
      <h1>Toki sample</h1>
      <p>Sign in as one of the demo users. Open a second tab as the other one to call between them.</p>
      <div className="row">
        {DEMO_USERS.map((user) => (
          <button key={user.id} disabled={busy} onClick={() => login(user.id)}>
            Sign in as {user.name}
          </button>
        ))}
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (other.trim()) login(other.trim());
        }}
      >
        <input value={other} onChange={(e) => setOther(e.target.value)} placeholder="another user id" aria-label="User id" />
        <button type="submit" disabled={busy || !other.trim()}>Sign in</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </main>
  );
}

export { DEMO_USERS };
