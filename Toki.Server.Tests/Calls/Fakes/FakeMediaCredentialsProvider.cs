using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Media;
using Toki.Server.Media.WebRtc;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>
/// Real credential shapes that say whom they were issued to: WebRTC with one ICE server <c>stun:&lt;user&gt;.test</c>,
/// Agora with the token <c>&lt;user&gt;:initiator</c> or <c>&lt;user&gt;:responder</c>. <see cref="Label"/> reads them back as
/// <c>webrtc:bob:initiator</c>; <see cref="IssuedCount"/> shows that each answer carries fresh ones.
/// </summary>
internal sealed class FakeMediaCredentialsProvider(string provider = "webrtc") : IMediaCredentialsProvider
{
    private int _issued;

    public string Provider => provider;

    public int IssuedCount => Volatile.Read(ref _issued);

    public MediaCredentials Issue(CallRecord call, string userId, bool initiator)
    {
        Interlocked.Increment(ref _issued);
        return provider == "agora"
            ? new AgoraMediaCredentials("test-app", call.Id, userId == call.CallerId ? 1u : 2u, $"{userId}:{Side(initiator)}", call.CreatedAt)
            : new WebRtcMediaCredentials(initiator, [new IceServer([$"stun:{userId}.test"])]);
    }

    /// <summary><c>webrtc:bob:initiator</c>, <c>agora:alice:responder</c>, or null for no credentials.</summary>
    public static string? Label(MediaCredentials? media) => media switch
    {
        null => null,
        WebRtcMediaCredentials webRtc => $"webrtc:{webRtc.IceServers[0].Urls[0]["stun:".Length..^".test".Length]}:{Side(webRtc.Initiator)}",
        AgoraMediaCredentials agora => $"agora:{agora.Token}",
        _ => throw new ArgumentOutOfRangeException(nameof(media)),
    };

    /// <summary>The JSON of the WebRTC credentials issued to <paramref name="userId"/>.</summary>
    public static string WebRtcJson(string userId, bool initiator) =>
        $$"""{"provider":"webrtc","initiator":{{(initiator ? "true" : "false")}},"iceServers":[{"urls":["stun:{{userId}}.test"]}]}""";

    private static string Side(bool initiator) => initiator ? "initiator" : "responder";
}
