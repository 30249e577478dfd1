using System.Buffers;

namespace Toki.Server.Hosting.Transport;

/// <summary>One received block in the chain a <see cref="SocketInput"/> hands to its reader.</summary>
internal sealed class InputSegment : ReadOnlySequenceSegment<byte>
{
    private IMemoryOwner<byte>? _owner;

    public InputSegment(IMemoryOwner<byte> owner, int length, InputSegment? previous)
    {
        _owner = owner;
        Memory = owner.Memory[..length];
        if (previous is not null)
        {
            RunningIndex = previous.RunningIndex + previous.Memory.Length;
            previous.Next = this;
        }
    }

    public InputSegment? NextSegment => (InputSegment?)Next;

    /// <summary>The stream position just after this segment's bytes.</summary>
    public long EndIndex => RunningIndex + Memory.Length;

    /// <summary>Gives the block back to its pool (once).</summary>
    public void Release()
    {
        var owner = _owner;
        _owner = null;
        owner?.Dispose();
    }
}
