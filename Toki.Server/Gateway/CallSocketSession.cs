using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.Server.Gateway;

/// <summary>
/// What a call socket carries (<c>socket.Data</c>): the proven user id and its rate limiters. Outside this server (a
/// session saved for recovery elsewhere in a cluster, a <c>fetchSockets</c> answer) it is <c>{ userId }</c>.
/// </summary>
[JsonConverter(typeof(CallSocketSessionJsonConverter))]
internal sealed class CallSocketSession
{
    private readonly RateLimitOptions _limits;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private TokenBucket _actions;
    private TokenBucket _relays;

    public CallSocketSession(string userId, RateLimitOptions limits, TimeProvider time)
    {
        UserId = userId;
        EncodedUserId = JsonEncodedText.Encode(userId, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _limits = limits;
        _time = time;
        var now = time.GetTimestamp();
        _actions = TokenBucket.Full(ActionBurst, now);
        _relays = TokenBucket.Full(RelayBurst, now);
    }

    public string UserId { get; }

    /// <summary>The user id as JSON string contents, for the <c>from</c> of every relay this socket sends.</summary>
    public JsonEncodedText EncodedUserId { get; }

    public string UserRoom => "user:" + UserId;

    /// <summary>
    /// The user id in a socket's data: this server's session, or the <c>{ userId }</c> JSON a session restored from
    /// another server of the cluster (or a socket there) carries; null for anything else.
    /// </summary>
    public static string? UserIdOf(object? data) => data switch
    {
        CallSocketSession session => session.UserId,
        JsonElement { ValueKind: JsonValueKind.Object } json when json.TryGetProperty("userId", out var id) && id.ValueKind == JsonValueKind.String
            => id.GetString(),
        _ => null,
    };

    private double ActionBurst => Math.Max(1, _limits.ActionBurst);

    private double RelayBurst => Math.Max(1, _limits.RelayBurst);

    public bool TryAct() => TryTake(ref _actions, _limits.ActionsPerSecond, ActionBurst);

    public bool TryRelay() => TryTake(ref _relays, _limits.RelaysPerSecond, RelayBurst);

    private bool TryTake(ref TokenBucket bucket, double perSecond, double burst)
    {
        if (perSecond <= 0)
        {
            return true;
        }
        lock (_gate)
        {
            return bucket.TryTake(perSecond, burst, _time.GetTimestamp(), _time.TimestampFrequency);
        }
    }
}
