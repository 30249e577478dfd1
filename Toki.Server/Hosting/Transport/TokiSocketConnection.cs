using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Toki.Server.Hosting.Transport;

/// <summary>
/// One accepted socket as Kestrel sees it: the connection context, its own feature collection
/// (<c>TokiSocketConnection.Features.cs</c>) and its duplex pipe, all in one object, over a
/// <see cref="SocketInput"/> and a <see cref="SocketOutput"/>. The connection ends (and <see cref="ConnectionClosed"/>
/// fires) when the receive loop ends: the peer's FIN or reset, <see cref="Abort(ConnectionAbortedException)"/>, a
/// failed send, or the output's completion.
/// </summary>
internal sealed partial class TokiSocketConnection : ConnectionContext, IDuplexPipe
{
    private const int Open = 0;
    private const int Closing = 1;

    private readonly Socket _socket;
    private readonly SocketInput _input;
    private readonly SocketOutput _output;
    private readonly CancellationTokenSource _closedSource = new();
    private CancellationToken _closed;
    private IDuplexPipe _transport;
    private string? _id;
    private IDictionary<object, object?>? _items;
    private EndPoint? _localEndPoint;
    private EndPoint? _remoteEndPoint;
    private Task _receiving = Task.CompletedTask;
    private Task _closing = Task.CompletedTask;
    private int _socketState;
    private int _closedFired;
    private ConnectionAbortedException? _abortReason;

    // maxInputBuffer: received bytes held for the reader before receiving pauses (0: no limit); maxOutputBuffer:
    // flushed bytes queued for the socket before a flush waits.
    public TokiSocketConnection(Socket socket, MemoryPool<byte> pool, long maxInputBuffer, long maxOutputBuffer)
    {
        _socket = socket;
        MemoryPool = pool;
        var sync = new Lock();
        _input = new SocketInput(this, socket, pool, maxInputBuffer, sync);
        _output = new SocketOutput(this, socket, pool, maxOutputBuffer, sync);
        _closed = _closedSource.Token;
        _transport = this;
    }

    public MemoryPool<byte> MemoryPool { get; }

    public override string ConnectionId
    {
        get => _id ??= ConnectionIds.Next();
        set => _id = value;
    }

    public override IDuplexPipe Transport
    {
        get => _transport;
        set => _transport = value;
    }

    public override IDictionary<object, object?> Items
    {
        get => _items ??= new Dictionary<object, object?>();
        set => _items = value;
    }

    public override CancellationToken ConnectionClosed
    {
        get => _closed;
        set => _closed = value;
    }

    // The accepted socket knows its remote end; both are read once, while the socket is open.
    public override EndPoint? LocalEndPoint
    {
        get => _localEndPoint ??= TryGet(static socket => socket.LocalEndPoint);
        set => _localEndPoint = value;
    }

    public override EndPoint? RemoteEndPoint
    {
        get => _remoteEndPoint ??= TryGet(static socket => socket.RemoteEndPoint);
        set => _remoteEndPoint = value;
    }

    PipeReader IDuplexPipe.Input => _input;

    PipeWriter IDuplexPipe.Output => _output;

    internal Socket Socket => _socket;

    internal ConnectionAbortedException? AbortReason => Volatile.Read(ref _abortReason);

    public void Start() => _receiving = _input.ReceiveLoopAsync();

    public override void Abort(ConnectionAbortedException abortReason)
    {
        Interlocked.CompareExchange(ref _abortReason, abortReason, null);
        _output.Close();
        CloseSocket();
    }

    public override void Abort() => Abort(new ConnectionAbortedException("The connection was aborted by the application."));

    public override async ValueTask DisposeAsync()
    {
        _input.Complete();
        _output.Complete();
        await _closing.ConfigureAwait(false);
        CloseSocket();
        await _receiving.ConfigureAwait(false);
        _output.Discard();
    }

    /// <summary>What the reader sees for the exception that ended the receive loop (null: a clean end).</summary>
    internal Exception? ReceiveFailure(Exception exception)
    {
        if (Volatile.Read(ref _abortReason) is { } abortReason)
        {
            return abortReason;
        }
        return exception switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionReset } reset => new ConnectionResetException(reset.Message, reset),
            // Closed by us after the output completed: the connection simply ended.
            ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted }
                when Volatile.Read(ref _socketState) == Closing => null,
            SocketException or ObjectDisposedException => new IOException(exception.Message, exception),
            _ => exception,
        };
    }

    // A clean FIN leaves the output open (a half-closed peer may still read the response); the owner closes it.
    internal void OnReceiveEnded(Exception? error)
    {
        if (error is not null)
        {
            // Reset or aborted: nothing more can be sent, and flushes say so.
            _output.Close();
        }
        if (Interlocked.Exchange(ref _closedFired, 1) == 0)
        {
            // As Kestrel's transport does: the token's callbacks (aborting requests) run on the thread pool, not on
            // the receive loop. The source is disposed once it fired; the token stays readable.
            ThreadPool.UnsafeQueueUserWorkItem(static source =>
            {
                source.Cancel();
                source.Dispose();
            }, _closedSource, preferLocal: false);
        }
    }

    internal void OnSendFailed()
    {
        _output.Close();
        CloseSocket();
    }

    internal void OnOutputCompleted(Task drained, Exception? exception)
    {
        _closing = CloseAfterAsync(drained, exception);
    }

    private async Task CloseAfterAsync(Task drained, Exception? exception)
    {
        await drained.ConfigureAwait(false);
        if (exception is ConnectionAbortedException aborted)
        {
            Abort(aborted);
            return;
        }
        _output.Close();
        CloseSocket();
    }

    /// <summary>Shuts the socket down both ways (the peer sees a FIN) and closes it; a pending receive then ends.</summary>
    private void CloseSocket()
    {
        if (Interlocked.Exchange(ref _socketState, Closing) != Open)
        {
            return;
        }
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer: closing is all that is left.
        }
        _socket.Dispose();
    }

    private EndPoint? TryGet(Func<Socket, EndPoint?> read)
    {
        try
        {
            return read(_socket);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }
}
