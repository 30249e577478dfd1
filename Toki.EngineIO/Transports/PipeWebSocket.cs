using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Toki.EngineIO.Transports;

/// <summary>
/// An RFC 6455 server endpoint working directly on a Kestrel connection's pipes, below the HTTP layer: no
/// request, response or stream objects live as long as the connection does, and an idle connection holds no
/// buffer (Kestrel's socket transport waits for data before it allocates one). Client frames must be masked;
/// fragmented messages are reassembled with control frames in between; text must be valid UTF-8 (1007);
/// messages above the limit end with 1009; no extension is ever negotiated, so reserved bits are errors (1002).
/// </summary>
internal sealed partial class PipeWebSocket : EngineWebSocket
{
    private const int CloseSentFlag = 1;
    private const int CloseReceivedFlag = 2;
    private const int AbortedFlag = 4;

    // Set once a protocol error was answered with a close frame: from then on input is discarded, not parsed.
    private const int FailedFlag = 8;

    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly ConnectionContext? _connection;
    private int _state;

    public PipeWebSocket(IDuplexPipe transport, ConnectionContext? connection)
    {
        _input = transport.Input;
        _output = transport.Output;
        _connection = connection;
    }

    public override bool IsClosed
    {
        get
        {
            var state = Volatile.Read(ref _state);
            return (state & AbortedFlag) != 0 || (state & (CloseSentFlag | CloseReceivedFlag)) == (CloseSentFlag | CloseReceivedFlag);
        }
    }

    public override void Abort()
    {
        EnterWriteGate();
        var wasClosed = IsClosed;
        Interlocked.Or(ref _state, AbortedFlag);
        ExitWriteGate();
        if (!wasClosed)
        {
            try
            {
                _input.CancelPendingRead();
                _connection?.Abort();
            }
            catch (Exception exception) when (exception is InvalidOperationException or ObjectDisposedException)
            {
                // The connection is already being torn down.
            }
        }
        SignalClosed();
    }

    public override void AbortUnresponsive()
    {
        SocketReset.Arm(_connection?.Features.Get<IConnectionSocketFeature>());
        Abort();
    }

    private bool Has(int flag) => (Volatile.Read(ref _state) & flag) != 0;

    private void Set(int flag)
    {
        Interlocked.Or(ref _state, flag);
        SignalIfClosed();
    }

    private void SignalIfClosed()
    {
        if (IsClosed)
        {
            SignalClosed();
        }
    }

    private static WebSocketException ConnectionLost(Exception? inner = null) =>
        new(WebSocketError.ConnectionClosedPrematurely, "The remote party closed the WebSocket connection without completing the close handshake.", inner);
}
