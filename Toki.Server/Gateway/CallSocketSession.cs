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
        _limits = limits;
        _time = time;
        var now = time.GetTimestamp();
        _actions = TokenBucket.Full(ActionBurst, now);
        _relays = TokenBucket.Full(RelayBurst, now);
    }

    public string UserId { get; }

    public string UserRoom => "user:" + UserId;

    private double ActionBurst => Math.Max(1, _limits.ActionBurst);

    private double RelayBurst => Math.Max(1, _limits.RelayBurst);

    public bool TryAct()
    {
        if (_limits.ActionsPerSecond <= 0)
        {
            return true;
        }
        lock (_gate)
        {
            return _actions.TryTake(_limits.ActionsPerSecond, ActionBurst, _time.GetTimestamp(), _time.TimestampFrequency);
        }
    }

    public bool TryRelay()
    {
        if (_limits.RelaysPerSecond <= 0)
        {
            return true;
        }
        lock (_gate)
        {
            return _relays.TryTake(_limits.RelaysPerSecond, RelayBurst, _time.GetTimestamp(), _time.TimestampFrequency);
        }
    }
}
