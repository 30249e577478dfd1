using System.Text.Encodings.Web;
using System.Text.Json;

namespace Toki.Server.Gateway;

/// <summary>What a call socket carries (<c>socket.Data</c>): the proven user id and its rate limiters.</summary>
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
