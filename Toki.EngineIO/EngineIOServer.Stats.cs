using Toki.EngineIO.Protocol;

namespace Toki.EngineIO;

public sealed partial class EngineIOServer
{
    /// <summary>How many open sessions are on each transport right now (a walk over the sessions: for stats, not hot paths).</summary>
    public (int Polling, int WebSocket) CountTransports()
    {
        int polling = 0, webSocket = 0;
        foreach (var session in _sessions.Values)
        {
            if (session.Transport == EngineTransportKind.WebSocket)
            {
                webSocket++;
            }
            else
            {
                polling++;
            }
        }
        return (polling, webSocket);
    }
}
