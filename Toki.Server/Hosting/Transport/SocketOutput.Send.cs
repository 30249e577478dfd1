using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Toki.Server.Hosting.Transport;

internal sealed partial class SocketOutput : IThreadPoolWorkItem
{
    // Blocks gathered into one send (sendmsg's iovecs); well below every system's IOV_MAX.
    private const int MaxGather = 64;

    [ThreadStatic]
    private static List<ArraySegment<byte>>? t_gather;

    private void ScheduleIf(bool schedule)
    {
        if (schedule)
        {
            // The current work item (reading a batch of messages) runs to its end first; its other flushes join this send.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = SendQueuedAsync();

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            OutputSegment? chain;
            lock (_sync)
            {
                chain = _queuedFirst;
                _queuedFirst = null;
                _queuedLast = null;
                if (chain is null || _closed)
                {
                    _sendScheduled = false;
                    var drained = _drained;
                    if (drained is not null)
                    {
                        // Complete() ran: everything it queued is out.
                        ThreadPool.UnsafeQueueUserWorkItem(static done => done.TrySetResult(), drained, preferLocal: false);
                    }
                    OutputSegment.ReleaseChain(chain);
                    return;
                }
            }
            long sent = 0;
            var ok = true;
            try
            {
                for (var segment = chain; segment is not null;)
                {
                    var (count, next) = TrySendGathered(segment, out var error);
                    sent += count;
                    if (error == SocketError.WouldBlock)
                    {
                        // next is the block the socket did not take whole: wait until it does, then go on.
                        sent += await SendWhenWritableAsync(next!).ConfigureAwait(false);
                        next = next!.Next;
                    }
                    else if (error != SocketError.Success)
                    {
                        ok = false;
                        break;
                    }
                    segment = next;
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                ok = false;
            }
            finally
            {
                OutputSegment.ReleaseChain(chain);
            }
            if (!ok)
            {
                _connection.OnSendFailed();
                continue;
            }
            bool resume;
            lock (_sync)
            {
                _queued -= sent;
                resume = _flushWaiting && _queued < _pauseAt / 2 + 1;
            }
            if (resume)
            {
                EndFlushWait(canceled: false, default);
            }
        }
    }

    // One non-blocking send of up to MaxGather blocks from first. Returns the bytes sent and the block to go on with:
    // after the gathered ones when all went out (Success), else the first not sent whole (WouldBlock), its sent part skipped.
    private (long Count, OutputSegment? Next) TrySendGathered(OutputSegment first, out SocketError error)
    {
        var gather = t_gather ??= new List<ArraySegment<byte>>(MaxGather);
        gather.Clear();
        var end = first;
        long total = 0;
        for (; end is not null && gather.Count < MaxGather; end = end.Next)
        {
            var data = end.Data;
            if (data.IsEmpty)
            {
                continue;
            }
            if (!MemoryMarshal.TryGetArray(data, out var array))
            {
                throw new InvalidOperationException("The transport's buffers must be arrays.");
            }
            gather.Add(array);
            total += data.Length;
        }
        if (gather.Count == 0)
        {
            error = SocketError.Success;
            return (0, end);
        }
        var sent = gather.Count == 1
            ? _socket.Send(gather[0], SocketFlags.None, out error)
            : _socket.Send(gather, SocketFlags.None, out error);
        gather.Clear();
        if (error == SocketError.WouldBlock)
        {
            return (0, first);
        }
        if (error != SocketError.Success)
        {
            return (0, end);
        }
        if (sent == total)
        {
            return (sent, end);
        }
        // Partly sent: skip the whole blocks that went out and let the rest wait for the socket.
        var skipped = 0L;
        var segment = first;
        while (skipped + segment!.Data.Length <= sent)
        {
            skipped += segment.Data.Length;
            segment = segment.Next;
        }
        segment.SkipSent((int)(sent - skipped));
        error = SocketError.WouldBlock;
        return (sent, segment);
    }

    // Sends what is left of one block once the socket takes it; returns the bytes sent.
    private async Task<long> SendWhenWritableAsync(OutputSegment segment)
    {
        long total = 0;
        var data = segment.Data;
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
            total += sent;
        }
        return total;
    }
}
