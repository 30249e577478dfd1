using Toki.EngineIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// An encoded outgoing packet: its text frame and binary attachment frames, encoded once and shared by every
/// recipient. <see cref="Offset"/> is set when connection state recovery records it.
/// </summary>
public sealed class OutboundPacket
{
    public OutboundPacket(EngineFrame header, EngineFrame[]? attachments, string? offset)
    {
        Header = header;
        Attachments = attachments;
        Offset = offset;
    }

    public EngineFrame Header { get; }

    public EngineFrame[]? Attachments { get; }

    public string? Offset { get; }

    internal int ByteLength
    {
        get
        {
            var length = Header.Bytes.Length;
            foreach (var attachment in Attachments ?? [])
            {
                length += attachment.Bytes.Length;
            }
            return length;
        }
    }

    internal bool SendTo(Toki.EngineIO.EngineIOSession session)
    {
        if (Attachments is null)
        {
            return session.Send(Header);
        }
        var frames = new EngineFrame[1 + Attachments.Length];
        frames[0] = Header;
        Attachments.CopyTo(frames, 1);
        return session.Send(frames);
    }
}
