namespace Toki.SocketIO.Protocol;

public static class SocketIOParseErrorExtensions
{
    public static string ToMessage(this SocketIOParseError error) => error switch
    {
        SocketIOParseError.None => "no error",
        SocketIOParseError.EmptyPacket => "empty packet",
        SocketIOParseError.UnknownPacketType => "unknown packet type",
        SocketIOParseError.IllegalAttachments => "illegal attachments",
        SocketIOParseError.TooManyAttachments => "too many attachments",
        SocketIOParseError.InvalidNamespace => "invalid namespace",
        SocketIOParseError.InvalidAckId => "invalid ack id",
        SocketIOParseError.InvalidJson => "invalid json",
        SocketIOParseError.InvalidPayload => "invalid payload",
        SocketIOParseError.UnexpectedBinary => "got binary data when not reconstructing a packet",
        SocketIOParseError.UnexpectedText => "got plaintext data when reconstructing a packet",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
