namespace Toki.SocketIO;

/// <summary>
/// The recoverable packets sent to one socket, in send order, so that a reconnecting client can be given
/// exactly those after the last offset it saw. While connected only a window that covers an undetected
/// drop is kept; while disconnected everything is kept, within the count and byte bounds. Once a packet a
/// client may still need has been dropped, the history is marked incomplete and recovery is refused.
/// Not thread-safe: the owning socket guards it.
/// </summary>
internal sealed class PacketHistory
{
    private readonly Queue<(OutboundPacket Packet, long Timestamp)> _entries = new();
    private readonly int _maxPackets;
    private readonly long _maxBytes;
    private long _bytes;
    private bool _incomplete;
    private string? _lastAgedOut;

    public PacketHistory(int maxPackets, long maxBytes)
    {
        _maxPackets = maxPackets;
        _maxBytes = maxBytes;
    }

    public int Count => _entries.Count;

    /// <summary>Appends a packet; while connected, entries older than <paramref name="keepSince"/> are dropped first.</summary>
    public void Append(OutboundPacket packet, long now, long? keepSince)
    {
        if (keepSince is { } since)
        {
            while (_entries.TryPeek(out var oldest) && oldest.Timestamp < since)
            {
                Drop(incomplete: false);
            }
        }
        _entries.Enqueue((packet, now));
        _bytes += packet.ByteLength;
        while (_entries.Count > _maxPackets || _bytes > _maxBytes)
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
        var missed = new List<OutboundPacket>();
        // Entries leave in send order, so a client whose last packet just aged out needs everything retained.
        // A client that saw nothing cannot have lost a packet that aged out: it would have seen that one.
        var found = offset is null ? _lastAgedOut is null : offset == _lastAgedOut;
        foreach (var (packet, _) in _entries)
        {
            if (found)
            {
                missed.Add(packet);
            }
            else if (packet.Offset == offset)
            {
                found = true;
            }
        }
        return found ? missed : null;
    }

    private void Drop(bool incomplete)
    {
        var (packet, _) = _entries.Dequeue();
        _bytes -= packet.ByteLength;
        _incomplete |= incomplete;
        _lastAgedOut = packet.Offset;
    }
}
