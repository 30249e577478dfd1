namespace Toki.EngineIO.Protocol;

/// <summary>Why an incoming Engine.IO payload could not be decoded.</summary>
public enum EngineDecodeError
{
    None = 0,
    EmptyPacket,
    UnknownPacketType,
    InvalidBase64,

    /// <summary>A text packet of a polling payload that is not valid UTF-8 (a WebSocket text frame would fail with 1007).</summary>
    InvalidUtf8,
}
