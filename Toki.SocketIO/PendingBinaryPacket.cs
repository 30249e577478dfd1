using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// A binary event or ack whose attachments are still arriving. Only the read side of its connection adds to it (one
/// message at a time); whoever takes it out of the connection owns <see cref="Packet"/> and disposes or routes it.
/// </summary>
internal sealed class PendingBinaryPacket
{
    private readonly SocketIOPacket? _packet;
    private readonly List<byte[]> _attachments;
    private readonly int _expected;

    public PendingBinaryPacket(SocketIOPacket packet)
    {
        _packet = packet;
        _expected = packet.AttachmentCount;
        _attachments = new List<byte[]>(_expected);
    }

    private PendingBinaryPacket()
    {
        _attachments = [];
    }

    /// <summary>Held by a connection that closed, so that nothing received after the close is kept.</summary>
    public static PendingBinaryPacket Closed { get; } = new();

    public SocketIOPacket Packet => _packet ?? throw new InvalidOperationException("A closed connection has no pending packet.");

    public IReadOnlyList<byte[]> Attachments => _attachments;

    /// <summary>Adds the next attachment; true once the last one has arrived.</summary>
    public bool Add(ReadOnlySpan<byte> attachment)
    {
        _attachments.Add(attachment.ToArray());
        return _attachments.Count == _expected;
    }
}
