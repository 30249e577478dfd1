namespace Toki.EngineIO.Protocol;

/// <summary>Engine.IO v4 packet types; the wire form is the ASCII digit of the value.</summary>
public enum EnginePacketType : byte
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
}
