using System.Net.WebSockets;
using Toki.EngineIO.Protocol;

namespace Toki.EngineIO.Transports;

/// <summary>
/// What a session needs from a WebSocket: whole messages in, Engine.IO frames out (several can share one
/// flush), the closing handshake and an abort. Implemented over <see cref="WebSocket"/> (the HTTP upgrade path)
/// and directly over a Kestrel connection's pipes (<see cref="PipeWebSocket"/>).
/// </summary>
internal abstract class EngineWebSocket
{
    private static readonly object ClosedSentinel = new();
    private object? _closedSignal;

    /// <summary>True once the closing handshake completed both ways or the connection was aborted.</summary>
    public abstract bool IsClosed { get; }

    /// <summary>
    /// Reads one whole message, fragments included, into a pooled buffer of at most <paramref name="maxLength"/>
    /// bytes; an idle connection holds no buffer while it waits.
    /// </summary>
    public abstract ValueTask<WebSocketMessage> ReadMessageAsync(int maxLength);

    /// <summary>Sends one frame; unless <paramref name="endOfBatch"/>, it may wait in the output buffer for the next one.</summary>
    public abstract ValueTask SendAsync(EngineFrame frame, bool endOfBatch);

    /// <summary>Sends the close frame, unless one was already sent or the connection is gone.</summary>
    public abstract ValueTask CloseOutputAsync(WebSocketCloseStatus status);

    /// <summary>
    /// Reads and discards until the peer's close frame arrives or the connection ends; a connection that ended
    /// without that frame is aborted, since no closing handshake can finish on it.
    /// </summary>
    public abstract Task DrainAsync();

    /// <summary>Drops the connection at once, ending any pending read.</summary>
    public abstract void Abort();

    /// <summary>
    /// Drops the connection of a peer that stopped answering: with a reset rather than a FIN, so what it never read
    /// is discarded at once instead of being kept (and retried) by the kernel for minutes.
    /// </summary>
    public virtual void AbortUnresponsive() => Abort();

    /// <summary>Completes once <see cref="IsClosed"/> is true.</summary>
    public Task WhenClosed()
    {
        var current = Volatile.Read(ref _closedSignal);
        if (current is null)
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            current = Interlocked.CompareExchange(ref _closedSignal, created, null) ?? created;
        }
        return current is TaskCompletionSource waiting ? waiting.Task : Task.CompletedTask;
    }

    protected void SignalClosed()
    {
        var previous = Interlocked.Exchange(ref _closedSignal, ClosedSentinel);
        (previous as TaskCompletionSource)?.TrySetResult();
    }
}
