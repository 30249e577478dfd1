namespace Toki.EngineIO.Protocol;

/// <summary>
/// One packet decoded from a polling payload. For text packets <see cref="Data"/> is the UTF-8 data after the
/// type digit; for binary packets it is the decoded bytes and <see cref="Type"/> is <see cref="EnginePacketType.Message"/>.
/// </summary>
public readonly record struct DecodedPacket(EnginePacketType Type, bool IsBinary, ReadOnlyMemory<byte> Data);
