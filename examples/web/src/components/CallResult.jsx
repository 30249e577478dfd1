const REASONS = {
  hung_up: 'hung up',
  disconnected: 'a participant disconnected',
  rejected: 'rejected',
  cancelled: 'cancelled',
  caller_disconnected: 'the caller disconnected',
  no_answer: 'no answer',
  connect_timeout: 'the media did not connect in time',
  completed: 'the time ran out',
  rejoin_timeout: 'nobody rejoined in time',
  cleared: 'cleared',
  insufficient_coins: 'not enough coins',
};

/** The outcome of the last call (call:ended). */
export default function CallResult({ result, onDismiss }) {
  return (
    <section className="panel result" data-testid="call-result">
      <h2>Call {result.status}</h2>
      <dl>
        <dt>Reason</dt>
        <dd data-testid="result-reason" data-reason={result.reason}>{REASONS[result.reason] ?? result.reason}</dd>
        <dt>Billed</dt>
        <dd><span data-testid="result-billed">{result.billedSeconds}</span> s</dd>
        <dt>Charged</dt>
        <dd><span data-testid="result-charged">{result.coinsCharged}</span> coins</dd>
      </dl>
      <span hidden data-testid="result-status">{result.status}</span>
      <button className="link" onClick={onDismiss}>Dismiss</button>
    </section>
  );
}
