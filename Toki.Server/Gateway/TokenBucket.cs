namespace Toki.Server.Gateway;

/// <summary>A token bucket on TimeProvider timestamps; not thread-safe (one per socket, used under its lock).</summary>
internal sealed class TokenBucket
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _updatedAt;

    public TokenBucket(double perSecond, double capacity, long now)
    {
        _perSecond = perSecond;
        _capacity = capacity;
        _tokens = capacity;
        _updatedAt = now;
    }

    public bool TryTake(long now, long timestampFrequency)
    {
        var elapsed = (double)(now - _updatedAt) / timestampFrequency;
        _tokens = Math.Min(_capacity, _tokens + (elapsed * _perSecond));
        _updatedAt = now;
        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }
}
