namespace Toki.Server.Tests.Media.Agora;

/// <summary>An RTC service read from a token; privileges keep their order on the wire.</summary>
internal sealed record ParsedRtcService(
    IReadOnlyList<KeyValuePair<ushort, uint>> Privileges, string ChannelName, string Uid);
