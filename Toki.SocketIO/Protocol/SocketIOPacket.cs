using System.Text.Json;

namespace Toki.SocketIO.Protocol;

/// <summary>
/// A decoded incoming packet. <see cref="Payload"/> owns pooled memory (a copy of the payload bytes): dispose
/// the packet, or hand the document on to something that does.
/// </summary>
public sealed class SocketIOPacket : IDisposable
{
    public SocketIOPacket(SocketIOPacketType type, string @namespace, long? ackId, int attachmentCount, JsonDocument? payload)
    {
        Type = type;
        Namespace = @namespace;
        AckId = ackId;
        AttachmentCount = attachmentCount;
        Payload = payload;
    }

    public SocketIOPacketType Type { get; }

    public string Namespace { get; }

    public long? AckId { get; }

    public int AttachmentCount { get; }

    public JsonDocument? Payload { get; private set; }

    /// <summary>Byte length of the JSON payload as received (0 when there is none).</summary>
    public int PayloadLength { get; init; }

    /// <summary>Takes the payload document away from the packet, so that disposing the packet leaves it alive.</summary>
    public JsonDocument? DetachPayload()
    {
        var payload = Payload;
        Payload = null;
        return payload;
    }

    public void Dispose() => Payload?.Dispose();
}
