namespace Toki.SocketIO.Admin;

/// <summary>
/// The dashboard's aggregated events (<c>server_stats.aggregatedEvents</c>): counts per second, type and sub-type, handed
/// over and cleared with each stats emit, as Node's EventBuffer.
/// </summary>
internal sealed class AdminEventBuffer(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(long Second, string Type, string? SubType), long> _counts = [];

    public void Push(string type, string? subType = null, long count = 1)
    {
        var second = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000 * 1000;
        lock (_gate)
        {
            _counts[(second, type, subType)] = _counts.GetValueOrDefault((second, type, subType)) + count;
        }
    }

    public object[] TakeAll()
    {
        lock (_gate)
        {
            var values = _counts.Select(pair => (object)new { timestamp = pair.Key.Second, type = pair.Key.Type, subType = pair.Key.SubType, count = pair.Value })
                .ToArray();
            _counts.Clear();
            return values;
        }
    }
}
