using Toki.EngineIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// The recoverable packets sent to one socket, in send order, so that a reconnecting client can be given
/// exactly those after the last offset it saw. While connected only a window that covers an undetected
/// drop is kept; while disconnected everything is kept, within the count and byte bounds. Once a packet a
/// client may still need has been dropped, the history is marked incomplete and recovery is refused.
/// Not thread-safe: the owning socket guards it.
/// </summary>
/// <remarks>
/// The packets' bytes are copied into one buffer per socket and their offsets kept as numbers, rather than the
/// packets themselves being referenced. Referenced, every packet sent under signalling load stayed alive for the
/// window and so survived each young-generation collection, which then had to copy all of them: tens of
/// milliseconds of pause every few hundred milliseconds at full relay speed. Copied, the packets die young and
/// the history is a couple of long-lived arrays.
/// </remarks>
internal sealed class PacketHistory
{
    private const int MinBufferBytes = 64;
    private readonly int _maxPackets;
    private readonly long _maxBytes;
    private Entry[] _entries = new Entry[1];
    private int _head;
    private int _count;
    private byte[] _buffer = [];
    private int _bufferStart;
    private int _bufferEnd;
    private long _bytes;
    private bool _incomplete;
    private RecoveryOffset? _lastAgedOut;

    public PacketHistory(int maxPackets, long maxBytes)
    {
        _maxPackets = maxPackets;
        _maxBytes = maxBytes;
    }

    public int Count => _count;

    /// <summary>Appends a packet; while connected, entries older than <paramref name="keepSince"/> are dropped first.</summary>
    public void Append(OutboundPacket packet, long now, long? keepSince)
    {
        if (keepSince is { } since)
        {
            while (_count > 0 && _entries[_head].Timestamp < since)
            {
                Drop(incomplete: false);
            }
        }
        if (!RecoveryOffset.TryParse(packet.Offset, out var offset))
        {
            // Offsets come from the server's counter or the cluster's stream; anything else cannot be found again, so recovery is refused.
            _incomplete = true;
            return;
        }
        var size = packet.ByteLength;
        if (size > _maxBytes)
        {
            // It would be dropped again at once, after everything before it.
            while (_count > 0)
            {
                Drop(incomplete: keepSince is null);
            }
            _incomplete |= keepSince is null;
            _lastAgedOut = offset;
            return;
        }

        var header = packet.Header.Bytes.Span;
        var start = Reserve(header.Length);
        header.CopyTo(_buffer.AsSpan(start));
        _bufferEnd = start + header.Length;
        if (_count == _entries.Length)
        {
            GrowEntries();
        }
        _entries[(_head + _count) % _entries.Length] = new Entry(offset, now, start, header.Length, packet.Attachments, size);
        _count++;
        _bytes += size;
        while (_count > _maxPackets || _bytes > _maxBytes)
        {
            Drop(incomplete: keepSince is null);
        }
    }

    /// <summary>
    /// The packets after <paramref name="offset"/> (all of them when the client saw none), or null when the
    /// client's position is not known with certainty.
    /// </summary>
    public IReadOnlyList<OutboundPacket>? After(string? offset)
    {
        if (_incomplete)
        {
            return null;
        }
        RecoveryOffset? wanted = null;
        if (offset is not null)
        {
            if (!RecoveryOffset.TryParse(offset, out var parsed))
            {
                return null;
            }
            wanted = parsed;
        }
        var missed = new List<OutboundPacket>();
        // Entries leave in send order, so a client whose last packet just aged out needs everything retained.
        // A client that saw nothing cannot have lost a packet that aged out: it would have seen that one.
        var found = wanted is null ? _lastAgedOut is null : wanted == _lastAgedOut;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[(_head + i) % _entries.Length];
            if (found)
            {
                var header = _buffer.AsSpan(entry.Start, entry.Length).ToArray();
                missed.Add(new OutboundPacket(EngineFrame.FromEncodedText(header), entry.Attachments,
                    entry.Offset.ToString()));
            }
            else if (entry.Offset == wanted)
            {
                found = true;
            }
        }
        return found ? missed : null;
    }

    private void Drop(bool incomplete)
    {
        var entry = _entries[_head];
        _entries[_head] = default;
        _head = (_head + 1) % _entries.Length;
        _count--;
        _bytes -= entry.Size;
        _incomplete |= incomplete;
        _lastAgedOut = entry.Offset;
        if (_count == 0)
        {
            _bufferStart = 0;
            _bufferEnd = 0;
        }
        else
        {
            _bufferStart = _entries[_head].Start;
        }
    }

    /// <summary>Where <paramref name="length"/> more bytes go: after the live ones, compacting or growing the buffer as needed.</summary>
    private int Reserve(int length)
    {
        if (_bufferEnd + length <= _buffer.Length)
        {
            return _bufferEnd;
        }
        var live = _bufferEnd - _bufferStart;
        var needed = live + length;
        var target = _buffer.Length;
        if (needed > target / 2 || target < MinBufferBytes)
        {
            target = Math.Max(MinBufferBytes, Math.Max(needed, target * 2));
        }
        else if (needed < target / 8 && target > MinBufferBytes * 8)
        {
            // A burst grew the buffer; give the memory back once the window has moved past it.
            target /= 4;
        }
        var buffer = target == _buffer.Length ? _buffer : new byte[target];
        _buffer.AsSpan(_bufferStart, live).CopyTo(buffer);
        var shift = _bufferStart;
        for (var i = 0; i < _count; i++)
        {
            _entries[(_head + i) % _entries.Length].Start -= shift;
        }
        _buffer = buffer;
        _bufferStart = 0;
        _bufferEnd = live;
        return live;
    }

    private void GrowEntries()
    {
        var grown = new Entry[_entries.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _entries[(_head + i) % _entries.Length];
        }
        _entries = grown;
        _head = 0;
    }

    private struct Entry(RecoveryOffset offset, long timestamp, int start, int length, EngineFrame[]? attachments, int size)
    {
        public readonly RecoveryOffset Offset = offset;
        public readonly long Timestamp = timestamp;
        public int Start = start;
        public readonly int Length = length;
        public readonly EngineFrame[]? Attachments = attachments;
        public readonly int Size = size;
    }
}
