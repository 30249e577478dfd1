import { useCallback, useState } from 'react';
import { useCall } from './call/useCall.js';
import AwayPanel from './components/AwayPanel.jsx';
import CallForm from './components/CallForm.jsx';
import CallHistory from './components/CallHistory.jsx';
import CallResult from './components/CallResult.jsx';
import Header from './components/Header.jsx';
import InCall from './components/InCall.jsx';
import Login from './components/Login.jsx';
import { IncomingCall, OutgoingCall } from './components/Ringing.jsx';
import { clearSession, loadSession, saveSession } from './session.js';
import { closeSocket, openSocket } from './socket.js';
import { useAccount } from './useAccount.js';
import { useConnection } from './useConnection.js';

export default function App() {
  const [session, setSession] = useState(loadSession);

  const logout = useCallback(() => {
    clearSession();
    closeSocket();
    setSession(null);
  }, []);

  if (!session) {
    return (
      <Login
        onLogin={(s) => {
          saveSession(s);
          setSession(s);
        }}
      />
    );
  }
  return <Home key={session.token} session={session} onLogout={logout} />;
}

function Home({ session, onLogout }) {
  const [socket] = useState(() => openSocket(session.token));
  const account = useAccount(socket, session.token);
  const { refresh } = account;
  const [historyVersion, setHistoryVersion] = useState(0);
  const onEnded = useCallback(() => {
    refresh();
    setHistoryVersion((v) => v + 1);
  }, [refresh]);
  const { state, media, actions } = useCall(socket, session.userId, onEnded);
  // Last, so that every listener above is registered before the first event arrives.
  const connection = useConnection(socket, onLogout);

  return (
    <div className="app">
      <Header session={session} me={account.me} connection={connection} onLogout={onLogout} />
      {account.error && <p className="error">{account.error}</p>}
      {state.notice && (
        <p className="notice" role="status" data-testid="notice">
          {state.notice} <button className="link" onClick={actions.dismiss}>OK</button>
        </p>
      )}
      {state.phase === 'incoming' && <IncomingCall call={state.call} onAccept={actions.accept} onReject={actions.reject} />}
      {state.phase === 'outgoing' && <OutgoingCall call={state.call} onCancel={actions.cancel} />}
      {state.phase === 'call' && <InCall state={state} media={media} actions={actions} />}
      {state.phase === 'away' && <AwayPanel state={state} actions={actions} />}
      {state.phase === 'idle' && (
        <>
          {state.result && <CallResult result={state.result} onDismiss={actions.dismiss} />}
          <CallForm userId={session.userId} onCall={actions.request} disabled={connection !== 'connected'} />
          <CallHistory token={session.token} userId={session.userId} version={historyVersion} />
        </>
      )}
    </div>
  );
}
