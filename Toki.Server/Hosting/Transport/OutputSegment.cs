using System.Buffers;

namespace Toki.Server.Hosting.Transport;

/// <summary>One block written by the application and not yet sent, in the chain a <see cref="SocketOutput"/> sends on flush.</summary>
internal sealed class OutputSegment
{
    private IMemoryOwner<byte>? _owner;
    private readonly Memory<byte> _memory;

    private OutputSegment(IMemoryOwner<byte> owner)
    {
        _owner = owner;
        _memory = owner.Memory;
    }

    public OutputSegment? Next { get; private set; }

    public int Written { get; private set; }

    public int Available => _memory.Length - Written;

    public Memory<byte> Free => _memory[Written..];

    private int _sent;

    /// <summary>The bytes written and not yet sent.</summary>
    public ReadOnlyMemory<byte> Data => _memory[_sent..Written];

    /// <summary>Marks the first <paramref name="bytes"/> of <see cref="Data"/> as sent (a partial send).</summary>
    public void SkipSent(int bytes) => _sent += bytes;

    /// <summary>A block of at least <paramref name="size"/> bytes: the pool's, or for a larger request a shared array.</summary>
    public static OutputSegment Rent(MemoryPool<byte> pool, int size, OutputSegment? previous)
    {
        var owner = size <= pool.MaxBufferSize ? pool.Rent(size) : new SharedArrayOwner(size);
        var segment = new OutputSegment(owner);
        previous?.Next = segment;
        return segment;
    }

    public void Link(OutputSegment next) => Next = next;

    public static OutputSegment LastOf(OutputSegment first)
    {
        var last = first;
        while (last.Next is not null)
        {
            last = last.Next;
        }
        return last;
    }

    public void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, Available);
        Written += bytes;
    }

    /// <summary>Gives back every block of the chain starting at <paramref name="first"/>.</summary>
    public static void ReleaseChain(OutputSegment? first)
    {
        for (var segment = first; segment is not null; segment = segment.Next)
        {
            var owner = segment._owner;
            segment._owner = null;
            owner?.Dispose();
        }
    }
}
