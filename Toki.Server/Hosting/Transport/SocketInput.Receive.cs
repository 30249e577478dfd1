using System.Net.Sockets;

namespace Toki.Server.Hosting.Transport;

internal sealed partial class SocketInput
{
    /// <summary>
    /// Receives until the peer's FIN, a reset or the connection's close. It waits for data with a zero-byte receive,
    /// so an idle connection holds no block, and takes a block only when bytes are there; after a receive that
    /// filled its block it receives again at once. Always pending while the reader is not over its limit, so the
    /// end of the connection is seen (and <c>ConnectionClosed</c> fires) even while no one reads.
    /// </summary>
    public async Task ReceiveLoopAsync()
    {
        Exception? error = null;
        try
        {
            var waitForData = true;
            while (true)
            {
                var resume = PauseWhenFull();
                if (resume is not null)
                {
                    await resume.ConfigureAwait(false);
                    if (IsReaderCompleted())
                    {
                        break;
                    }
                }
                if (waitForData)
                {
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }
                var block = _pool.Rent();
                int received;
                try
                {
                    received = await _socket.ReceiveAsync(block.Memory, SocketFlags.None).ConfigureAwait(false);
                }
                catch
                {
                    block.Dispose();
                    throw;
                }
                if (received == 0)
                {
                    block.Dispose();
                    break;
                }
                waitForData = received < block.Memory.Length;
                if (!Append(block, received))
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            error = _connection.ReceiveFailure(exception);
        }
        // An abort shuts the socket down, which can also end a receive as if the peer had sent its FIN.
        error ??= _connection.AbortReason;
        lock (_sync)
        {
            _receiveEnded = true;
            _receiveError = error;
        }
        WakeReader();
        _connection.OnReceiveEnded(error);
    }

    private bool Append(System.Buffers.IMemoryOwner<byte> block, int received)
    {
        lock (_sync)
        {
            if (_readerCompleted)
            {
                block.Dispose();
                return false;
            }
            _tail = new InputSegment(block, received, _tail);
            _head ??= _tail;
            _buffered += received;
            _examinedAll = false;
        }
        WakeReader();
        return true;
    }

    private Task? PauseWhenFull()
    {
        if (_pauseAt <= 0)
        {
            return null;
        }
        lock (_sync)
        {
            if (_buffered < _pauseAt || _readerCompleted)
            {
                return null;
            }
            _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _resume.Task;
        }
    }

    private bool IsReaderCompleted()
    {
        lock (_sync)
        {
            return _readerCompleted;
        }
    }
}
