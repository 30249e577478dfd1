/** Incoming: Accept or Reject. Outgoing: ringing, with Cancel. */
export function IncomingCall({ call, onAccept, onReject }) {
  return (
    <section className="panel ringing" data-testid="incoming">
      <h2>{call.peer?.name ?? 'Someone'} is calling</h2>
      <p>{call.type === 'audio' ? 'Audio' : 'Video'} call</p>
      <div className="row">
        <button className="accept" onClick={onAccept}>Accept</button>
        <button className="danger" onClick={onReject}>Reject</button>
      </div>
    </section>
  );
}

export function OutgoingCall({ call, onCancel }) {
  return (
    <section className="panel ringing" data-testid="outgoing">
      <h2>Calling {call.peer?.name ?? call.peer?.id}…</h2>
      <p>Ringing</p>
      <button className="danger" onClick={onCancel}>Cancel</button>
    </section>
  );
}
