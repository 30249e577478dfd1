namespace Toki.EngineIO;

public sealed partial class EngineIOServer
{
    /// <summary>
    /// Sessions checked in one go before the heartbeat lets the transport catch up. Every ping written takes a
    /// transport buffer (a 4 KiB pool block) until the socket has sent it; sessions opened in a burst fall due in the
    /// same tick, and writing thousands of pings at once held thousands of blocks at once (about 10 MiB for
    /// 10,000 WebSockets), which stayed resident as garbage long after.
    /// </summary>
    internal const int SessionsPerSlice = 128;

    /// <summary>
    /// Checks every session's deadlines; called by the heartbeat timer, and directly by tests. A tick that finds the
    /// previous one still running is skipped (as Kestrel's heartbeat does), and a session that fails its check is
    /// logged and does not stop the others': an exception escaping a timer callback would end the process. Past
    /// <see cref="SessionsPerSlice"/> sessions the rest of the tick continues as a thread-pool work item queued behind
    /// the sends just started, so the pings of a large tick go out in slices instead of all being buffered at once.
    /// </summary>
    public void Tick()
    {
        if (Interlocked.CompareExchange(ref _ticking, 1, 0) != 0)
        {
            Log.TickSkipped(Logger);
            return;
        }
        ContinueTick(new HeartbeatPass(_sessions.GetEnumerator(), Time.GetTimestamp()));
    }

    private void ContinueTick(HeartbeatPass pass)
    {
        var done = true;
        try
        {
            var checkedInSlice = 0;
            while (pass.Sessions.MoveNext())
            {
                var session = pass.Sessions.Current.Value;
                try
                {
                    session.Tick(pass.Now);
                }
                catch (Exception exception)
                {
                    Log.TickFailed(Logger, session.Id, exception);
                }
                if (++checkedInSlice == SessionsPerSlice)
                {
                    done = false;
                    ThreadPool.UnsafeQueueUserWorkItem(static state => state.Server.ContinueTick(state.Pass), (Server: this, Pass: pass), preferLocal: false);
                    return;
                }
            }
        }
        finally
        {
            if (done)
            {
                pass.Sessions.Dispose();
                Volatile.Write(ref _ticking, 0);
            }
        }
    }

    /// <summary>Where a heartbeat tick has got to: the sessions still to check, and the time they are checked against.</summary>
    private sealed record HeartbeatPass(IEnumerator<KeyValuePair<string, EngineIOSession>> Sessions, long Now);
}
