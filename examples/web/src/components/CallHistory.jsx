import { useCallback, useEffect, useState } from 'react';
import { fetchCalls } from '../api.js';

const PAGE_SIZE = 5;

/** The user's calls, newest first, a page at a time (GET /api/calls). */
export default function CallHistory({ token, userId, version }) {
  const [calls, setCalls] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [error, setError] = useState(null);

  const load = useCallback(async (before) => {
    try {
      const page = await fetchCalls(token, { limit: PAGE_SIZE, before });
      setCalls((previous) => (before ? [...previous, ...page.calls] : page.calls));
      setCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(e.message);
    }
  }, [token]);

  useEffect(() => {
    load(null);
  }, [load, version]);

  return (
    <section className="panel history">
      <h2>Call history</h2>
      {error && <p className="error">{error}</p>}
      {calls.length === 0 && !error && <p className="muted">No calls yet.</p>}
      <table data-testid="history">
        <tbody>
          {calls.map((call) => (
            <HistoryRow key={call.callId} call={call} userId={userId} />
          ))}
        </tbody>
      </table>
      {cursor && <button className="link" onClick={() => load(cursor)}>Older calls</button>}
    </section>
  );
}

function HistoryRow({ call, userId }) {
  const outgoing = call.callerId === userId;
  const other = outgoing ? call.callee : call.caller;
  return (
    <tr data-call-id={call.callId}>
      <td>{new Date(call.createdAt).toLocaleString()}</td>
      <td>{outgoing ? '→' : '←'} {other?.name ?? other?.id}</td>
      <td>{call.type}</td>
      <td>{call.status}{call.endReason ? ` (${call.endReason})` : ''}</td>
      <td>{call.billedSeconds ?? 0} s</td>
      <td>{outgoing ? '−' : '+'}{call.coinsCharged ?? 0} coins</td>
    </tr>
  );
}
