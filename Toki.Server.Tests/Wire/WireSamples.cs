using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Media;
using Toki.Server.Media.WebRtc;

namespace Toki.Server.Tests.Wire;

/// <summary>Typed values for the wire tables, with the exact JSON each must become.</summary>
internal static class WireSamples
{
    /// <summary>10:00:00.250 at +02:00, i.e. 08:00:00.250Z: timestamps go out in UTC with milliseconds.</summary>
    public static readonly DateTimeOffset At = new(2030, 1, 1, 10, 0, 0, 250, TimeSpan.FromHours(2));

    public const string AtJson = "\"2030-01-01T08:00:00.250Z\"";

    /// <summary>An interrupted call: bob is away until 08:00:15.250Z; every field set, or null where it is unset.</summary>
    public static readonly CallSnapshot Snapshot = new()
    {
        CallId = "0123456789abcdef01234567",
        Caller = new CallParty("alice", "Alice"),
        Callee = new CallParty("bob", "Zoë <b>"),
        CallerId = "alice",
        CalleeId = "bob",
        Type = CallType.Video,
        Status = CallStatus.Interrupted,
        CreatedAt = At,
        AcceptedAt = At.AddSeconds(2),
        StartedAt = At.AddSeconds(3),
        EndedAt = null,
        EndReason = null,
        DurationLimitSec = 300,
        ActiveMs = 12_345,
        LastResumedAt = null,
        JoinedUserIds = ["alice"],
        InterruptedUserIds = ["bob"],
        RejoinedUserIds = [],
        RejoinDeadlines = new Dictionary<string, DateTimeOffset> { ["bob"] = At.AddSeconds(15) },
        RejoinDeadline = At.AddSeconds(15),
        RingDeadline = null,
        ConnectDeadline = null,
        EndsAt = null,
        HoldCoins = 50,
        CoinsCharged = 0,
        BilledSeconds = 0,
        SettledAt = null,
        Version = 7,
        RemainingTime = 288,
    };

    public static readonly string SnapshotJson = """
        {"callId":"0123456789abcdef01234567","caller":{"id":"alice","name":"Alice"},"callee":{"id":"bob","name":"Zoë <b>"},
        "callerId":"alice","calleeId":"bob","type":"video","status":"interrupted","createdAt":"2030-01-01T08:00:00.250Z",
        "acceptedAt":"2030-01-01T08:00:02.250Z","startedAt":"2030-01-01T08:00:03.250Z","endedAt":null,"endReason":null,
        "durationLimitSec":300,"activeMs":12345,"lastResumedAt":null,"joinedUserIds":["alice"],"interruptedUserIds":["bob"],
        "rejoinedUserIds":[],"rejoinDeadlines":{"bob":"2030-01-01T08:00:15.250Z"},"rejoinDeadline":"2030-01-01T08:00:15.250Z",
        "ringDeadline":null,"connectDeadline":null,"endsAt":null,"holdCoins":50,"coinsCharged":0,"billedSeconds":0,
        "settledAt":null,"version":7,"remainingTime":288}
        """.Replace("\n", "", StringComparison.Ordinal);

    /// <summary>A static STUN server (no credentials: those properties are left out) and a TURN server with them.</summary>
    public static readonly WebRtcMediaCredentials WebRtc = new(true,
        [new IceServer(["stun:stun.example.test:3478"]), new IceServer(["turn:turn.example.test:3478?transport=udp"], "1893456000:bob", "c2VjcmV0")]);

    public static readonly string WebRtcJson = """
        {"provider":"webrtc","initiator":true,"iceServers":[{"urls":["stun:stun.example.test:3478"]},
        {"urls":["turn:turn.example.test:3478?transport=udp"],"username":"1893456000:bob","credential":"c2VjcmV0"}]}
        """.Replace("\n", "", StringComparison.Ordinal);

    public static readonly AgoraMediaCredentials Agora = new("0123456789abcdef0123456789abcdef", "0123456789abcdef01234567", 4_294_967_295, "007eJxTYBBa", At.AddMinutes(7));

    public static readonly string AgoraJson = """
        {"provider":"agora","appId":"0123456789abcdef0123456789abcdef","channel":"0123456789abcdef01234567","uid":4294967295,
        "token":"007eJxTYBBa","expiresAt":"2030-01-01T08:07:00.250Z"}
        """.Replace("\n", "", StringComparison.Ordinal);
}
