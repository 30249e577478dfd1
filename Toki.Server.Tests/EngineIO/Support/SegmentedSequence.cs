using System.Buffers;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>Byte sequences cut into several segments, as a pipe hands over data that arrived in pieces.</summary>
internal static class SegmentedSequence
{
    /// <summary>The bytes with a segment boundary at each of <paramref name="cuts"/> (ascending offsets).</summary>
    public static ReadOnlySequence<byte> Create(ReadOnlySpan<byte> bytes, params int[] cuts)
    {
        var first = new Segment(bytes[..(cuts.Length == 0 ? bytes.Length : cuts[0])].ToArray(), 0);
        var last = first;
        for (var i = 0; i < cuts.Length; i++)
        {
            var end = i + 1 < cuts.Length ? cuts[i + 1] : bytes.Length;
            last = last.Append(bytes[cuts[i]..end].ToArray());
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes with every byte in a segment of its own.</summary>
    public static ReadOnlySequence<byte> ByteByByte(ReadOnlySpan<byte> bytes) =>
        Create(bytes, [.. Enumerable.Range(1, Math.Max(0, bytes.Length - 1))]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
