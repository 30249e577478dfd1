namespace Toki.Server.Gateway;

/// <summary>What a call socket carries (<c>socket.Data</c>): the proven user id and its rate limiters.</summary>
internal sealed class CallSocketSession
{
    private readonly TokenBucket? _actions;
    private readonly TokenBucket? _relays;
    private readonly TimeProvider _time;

    public CallSocketSession(string userId, RateLimitOptions limits, TimeProvider time)
    {
        UserId = userId;
        _time = time;
        var now = time.GetTimestamp();
        _actions = limits.ActionsPerSecond > 0 ? new TokenBucket(limits.ActionsPerSecond, Math.Max(1, limits.ActionBurst), now) : null;
        _relays = limits.RelaysPerSecond > 0 ? new TokenBucket(limits.RelaysPerSecond, Math.Max(1, limits.RelayBurst), now) : null;
    }

    public string UserId { get; }

    public string UserRoom => "user:" + UserId;

    public bool TryAct() => TryTake(_actions);

    public bool TryRelay() => TryTake(_relays);

    private bool TryTake(TokenBucket? bucket)
    {
        if (bucket is null)
        {
            return true;
        }
        lock (bucket)
        {
            return bucket.TryTake(_time.GetTimestamp(), _time.TimestampFrequency);
        }
    }
}
