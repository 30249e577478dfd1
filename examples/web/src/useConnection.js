import { useEffect, useState } from 'react';

/**
 * Connects the socket once the listeners are in place and reports its state. An `unauthorized`
 * refusal (a bad or expired token) calls `onUnauthorized`.
 */
export function useConnection(socket, onUnauthorized) {
  const [status, setStatus] = useState(socket.connected ? 'connected' : 'connecting');

  useEffect(() => {
    const onConnect = () => setStatus('connected');
    const onDisconnect = () => setStatus('connecting');
    const onError = (error) => {
      if (error.message === 'unauthorized') onUnauthorized();
      else setStatus('offline');
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onError);
    if (!socket.active) socket.connect();
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onError);
    };
  }, [socket, onUnauthorized]);

  return status;
}
