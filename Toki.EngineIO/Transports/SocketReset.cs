using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;

namespace Toki.EngineIO.Transports;

/// <summary>Makes the next close of a connection's socket a reset (SO_LINGER 0), which discards its unsent bytes.</summary>
internal static class SocketReset
{
    public static void Arm(IConnectionSocketFeature? feature)
    {
        try
        {
            feature?.Socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
        {
            // Already closed: nothing left to discard.
        }
    }
}
