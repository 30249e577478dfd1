using System.Buffers;

namespace Toki.Server.Hosting.Memory;

/// <summary>One block of a <see cref="TrimmingMemoryPool"/>; disposing it returns it to the pool.</summary>
internal sealed class TrimmingMemoryPoolBlock : IMemoryOwner<byte>
{
    private readonly TrimmingMemoryPool _pool;

    public TrimmingMemoryPoolBlock(TrimmingMemoryPool pool)
    {
        _pool = pool;
        // Sockets on Windows pin their buffers for the whole overlapped operation, which is why Kestrel allocates its
        // blocks on the pinned heap; elsewhere a read or write pins a buffer only for the system call, and a block on
        // the ordinary heap can be compacted away once the pool lets go of it.
        var array = GC.AllocateUninitializedArray<byte>(TrimmingMemoryPool.BlockSize, pinned: OperatingSystem.IsWindows());
        Memory = array;
    }

    public Memory<byte> Memory { get; }

    public void Dispose() => _pool.Return(this);
}
