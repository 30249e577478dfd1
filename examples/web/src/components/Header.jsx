/** Who is signed in, the wallet and the connection. */
export default function Header({ session, me, connection, onLogout }) {
  return (
    <header className="header">
      <strong data-testid="me-name">{me?.name ?? session.name}</strong>
      <span className="muted">({session.userId})</span>
      {me && (
        <span className="wallet">
          Coins <b data-testid="coins">{me.coins}</b>
          {me.heldCoins > 0 && <> · held <b data-testid="held-coins">{me.heldCoins}</b></>}
          {' '}· earnings <b data-testid="earnings">{me.earnings}</b>
        </span>
      )}
      <span className={`status ${connection}`} data-testid="connection">{connection}</span>
      <button className="link" onClick={onLogout}>Sign out</button>
    </header>
  );
}
