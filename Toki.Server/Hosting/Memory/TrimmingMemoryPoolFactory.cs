using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Toki.Server.Hosting.Memory;

/// <summary>
/// Kestrel's memory pools (its socket transport takes them from here, in place of Kestrel's pinned-block pools), all
/// trimmed together by <see cref="IdleMemoryTrimmer"/>.
/// </summary>
internal sealed class TrimmingMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    private readonly Lock _sync = new();
    private readonly List<TrimmingMemoryPool> _pools = [];

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new TrimmingMemoryPool(Forget);
        lock (_sync)
        {
            _pools.Add(pool);
        }
        return pool;
    }

    /// <summary>Trims every pool (see <see cref="TrimmingMemoryPool.Trim"/>); returns the bytes let go.</summary>
    public long Trim()
    {
        TrimmingMemoryPool[] pools;
        lock (_sync)
        {
            pools = [.. _pools];
        }
        var blocks = 0L;
        foreach (var pool in pools)
        {
            blocks += pool.Trim();
        }
        return blocks * TrimmingMemoryPool.BlockSize;
    }

    private void Forget(TrimmingMemoryPool pool)
    {
        lock (_sync)
        {
            _pools.Remove(pool);
        }
    }
}
