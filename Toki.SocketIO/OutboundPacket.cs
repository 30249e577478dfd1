using Toki.EngineIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// An encoded outgoing packet: its text frame and binary attachment frames, encoded once and shared by every
/// recipient. <see cref="Offset"/> is set when connection state recovery records it.
/// </summary>
public sealed class OutboundPacket
{
    public OutboundPacket(EngineFrame header, EngineFrame[]? attachments, string? offset)
        : this(header, attachments, offset, payloadStart: -1, isEvent: false, ackId: null)
    {
    }

    // Every packet sent carries these; kept to an int, a bool and a long (-1: no ack id) to stay small.
    private readonly long _ackId;

    internal OutboundPacket(EngineFrame header, EngineFrame[]? attachments, string? offset, int payloadStart, bool isEvent, long? ackId)
    {
        Header = header;
        Attachments = attachments;
        Offset = offset;
        PayloadStart = payloadStart;
        IsEvent = isEvent;
        _ackId = ackId ?? -1;
    }

    public EngineFrame Header { get; }

    public EngineFrame[]? Attachments { get; }

    public string? Offset { get; }

    /// <summary>An EVENT (or BINARY_EVENT) packet, as opposed to an acknowledgement or a control packet.</summary>
    public bool IsEvent { get; }

    /// <summary>The acknowledgement id the client is asked to answer, if any.</summary>
    public long? AckId => _ackId < 0 ? null : _ackId;

    /// <summary>
    /// Whether recovery may record the packet and a cluster may stamp it with an offset: an event that asks for no
    /// acknowledgement (an acknowledgement callback cannot be restored on another connection).
    /// </summary>
    public bool IsRecoverable => IsEvent && AckId is null;

    /// <summary>Where the packet's JSON starts in <see cref="Header"/>; -1 when unknown.</summary>
    internal int PayloadStart { get; }

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

    /// <summary>The packet's data (for an event: <c>["name", args...]</c>, offset included if it has one) with its attachments.</summary>
    public SocketIOData ToData()
    {
        if (PayloadStart < 0)
        {
            throw new InvalidOperationException("The packet was not encoded by SocketIOPacketEncoder; its data cannot be located.");
        }
        var attachments = Attachments?.Select(a => a.Bytes).ToArray();
        return new SocketIOData(Header.Bytes[PayloadStart..], attachments);
    }

    /// <summary>
    /// The same event with <paramref name="offset"/> appended as its last argument, as connection state recovery sends it.
    /// Only for a packet encoded without an offset.
    /// </summary>
    public OutboundPacket WithOffset(string offset)
    {
        if (!IsRecoverable || Offset is not null || PayloadStart < 0)
        {
            throw new InvalidOperationException("Only an event without an offset or an acknowledgement id can be given an offset.");
        }
        var header = Header.Bytes.Span;
        var quoted = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(offset);
        var frame = new byte[header.Length + 1 + quoted.Length];
        header[..^1].CopyTo(frame);
        var position = header.Length - 1;
        frame[position++] = (byte)',';
        quoted.CopyTo(frame.AsSpan(position));
        frame[^1] = (byte)']';
        return new OutboundPacket(EngineFrame.FromEncodedText(frame), Attachments, offset, PayloadStart, IsEvent, AckId);
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
