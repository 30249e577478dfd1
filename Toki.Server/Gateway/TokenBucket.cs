namespace Toki.Server.Gateway;

/// <summary>
/// The state of one token bucket on TimeProvider timestamps; its rate and capacity come with each call, so a socket
/// carries only these two numbers per limit. Not thread-safe: the owning session guards it.
/// </summary>
internal struct TokenBucket
{
    private double _tokens;
    private long _updatedAt;

    public static TokenBucket Full(double capacity, long now) => new() { _tokens = capacity, _updatedAt = now };

    public bool TryTake(double perSecond, double capacity, long now, long timestampFrequency)
    {
        var elapsed = (double)(now - _updatedAt) / timestampFrequency;
        _tokens = Math.Min(capacity, _tokens + (elapsed * perSecond));
        _updatedAt = now;
        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }
}
