namespace Toki.SocketIO.Protocol;

/// <summary>Why an incoming Socket.IO packet was refused; any of these closes the connection with "parse error".</summary>
public enum SocketIOParseError
{
    None = 0,
    EmptyPacket,
    UnknownPacketType,
    IllegalAttachments,
    TooManyAttachments,
    InvalidNamespace,
    InvalidAckId,
    InvalidJson,
    InvalidPayload,
    UnexpectedBinary,
    UnexpectedText,
}
