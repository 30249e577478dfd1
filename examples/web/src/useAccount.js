import { useCallback, useEffect, useState } from 'react';
import { fetchMe } from './api.js';

/** The user's profile and wallet from GET /api/me, kept current by wallet:updated. */
export function useAccount(socket, token) {
  const [me, setMe] = useState(null);
  const [error, setError] = useState(null);

  const refresh = useCallback(async () => {
    try {
      setMe(await fetchMe(token));
      setError(null);
    } catch (e) {
      setError(e.message);
    }
  }, [token]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  useEffect(() => {
    const onWallet = (wallet) => setMe((m) => (m ? { ...m, ...wallet } : m));
    socket.on('wallet:updated', onWallet);
    return () => socket.off('wallet:updated', onWallet);
  }, [socket]);

  return { me, error, refresh };
}
