namespace Toki.EngineIO.Protocol;

/// <summary>Why an incoming Engine.IO payload could not be decoded.</summary>
public enum EngineDecodeError
{
    None = 0,
    EmptyPacket,
    UnknownPacketType,
    InvalidBase64,
}
