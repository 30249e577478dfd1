using System.Buffers;
using System.Collections.Concurrent;

namespace Toki.Server.Hosting.Memory;

/// <summary>
/// The 4 KB blocks Kestrel's transport reads into and writes from, pooled like Kestrel's own pool but trimmed: a
/// block that stayed in the pool for a whole trim interval is let go to the GC. Kestrel's pool keeps the high-water
/// mark of a burst (a connection storm, a round of pings to thousands of sockets) for minutes, which is a large
/// share of the memory of a server holding many idle WebSockets; an idle WebSocket itself holds no block.
/// </summary>
internal sealed class TrimmingMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 4096;

    private readonly ConcurrentQueue<TrimmingMemoryPoolBlock> _free = new();
    private readonly Action<TrimmingMemoryPool>? _onDisposed;
    private int _freeCount;

    // The fewest blocks the pool held since the last trim: that many were not needed during the whole interval.
    private int _lowWater;
    private volatile bool _disposed;

    public TrimmingMemoryPool(Action<TrimmingMemoryPool>? onDisposed = null) => _onDisposed = onDisposed;

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks waiting in the pool.</summary>
    public int FreeCount => Volatile.Read(ref _freeCount);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryDequeue(out var block))
        {
            var count = Interlocked.Decrement(ref _freeCount);
            if (count < Volatile.Read(ref _lowWater))
            {
                // A race may lose a lower value: trimming then keeps a block or two more, never one too few.
                Volatile.Write(ref _lowWater, count);
            }
            return block;
        }
        return new TrimmingMemoryPoolBlock(this);
    }

    internal void Return(TrimmingMemoryPoolBlock block)
    {
        if (_disposed)
        {
            return;
        }
        _free.Enqueue(block);
        Interlocked.Increment(ref _freeCount);
    }

    /// <summary>Lets go of the blocks no one rented since the previous call; returns how many.</summary>
    public int Trim()
    {
        var unused = Interlocked.Exchange(ref _lowWater, int.MaxValue);
        if (unused == int.MaxValue)
        {
            // Another trim is running.
            return 0;
        }
        var released = 0;
        while (released < unused && _free.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _freeCount);
            released++;
        }
        Volatile.Write(ref _lowWater, Math.Min(Volatile.Read(ref _lowWater), FreeCount));
        return released;
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _free.Clear();
        Volatile.Write(ref _freeCount, 0);
        _onDisposed?.Invoke(this);
    }
}
