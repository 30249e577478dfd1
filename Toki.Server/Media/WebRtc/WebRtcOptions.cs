namespace Toki.Server.Media.WebRtc;

/// <summary>
/// WebRTC settings, bound from <c>Media:WebRtc</c>. The default is no ICE servers at all: the server never
/// points browsers at a third-party STUN or TURN service on its own.
/// </summary>
internal sealed class WebRtcOptions
{
    public const string SectionName = "Media:WebRtc";

    public List<IceServerOptions> IceServers { get; set; } = [];
}
