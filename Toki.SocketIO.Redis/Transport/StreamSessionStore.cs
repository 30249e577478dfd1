using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using StackExchange.Redis;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis.Transport;

/// <summary>
/// Sessions where every member can restore them, as the streams adapter keeps them: <c>sio:session:&lt;pid&gt;</c> holds
/// base64 MessagePack <c>{sid,pid,rooms,data}</c> with a time to live; restoring takes it (as <c>GETDEL</c> does, noting the time it
/// had left, so that a refused recovery can put it back) and reads
/// the stream after the client's offset. Toki saves while the socket is connected, not only at its disconnect, so a
/// session survives its server's death. Each save and delete is a compare-and-set on the value this server wrote last
/// (a script comparing SHA-1s), so a server whose client moved elsewhere never overwrites the session's newer owner.
/// </summary>
internal sealed partial class StreamSessionStore : IDisposable
{
    private const int MissedPagesLimit = 100;
    private const int MissedPageSize = 1000;

    // Saves when the key is absent or still holds what this server wrote last (ARGV[3], the SHA-1 of it, "" for none).
    private const string SaveScript = """
        local current = redis.call('GET', KEYS[1])
        if current and redis.sha1hex(current) ~= ARGV[3] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """;

    private const string DeleteScript = """
        local current = redis.call('GET', KEYS[1])
        if current and redis.sha1hex(current) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
        return 0
        """;

    // Takes the session (GETDEL) with the milliseconds it had left, so that a recovery that does not happen can put it back.
    private const string TakeScript = """
        local value = redis.call('GET', KEYS[1])
        if not value then return false end
        local left = redis.call('PTTL', KEYS[1])
        redis.call('DEL', KEYS[1])
        return {value, left}
        """;

    private readonly RedisCluster _cluster;
    private readonly ConcurrentDictionary<string, Written> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _saving = new(StringComparer.Ordinal);
    private readonly ITimer _pruner;

    public StreamSessionStore(RedisCluster cluster)
    {
        _cluster = cluster;
        _pruner = cluster.Time.CreateTimer(static state => ((StreamSessionStore)state!).Prune(), this, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public Task SaveAsync(SocketIOSessionSnapshot session, TimeSpan timeToLive)
    {
        var saving = SaveNowAsync(session, timeToLive);
        _saving[session.Pid] = saving;
        _ = saving.ContinueWith(static (done, state) =>
        {
            var (saving, pid) = ((ConcurrentDictionary<string, Task>, string))state!;
            saving.TryRemove(new KeyValuePair<string, Task>(pid, done));
        }, (_saving, session.Pid), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return saving;
    }

    private async Task SaveNowAsync(SocketIOSessionSnapshot session, TimeSpan timeToLive)
    {
        var value = StreamsCodec.EncodeSession(session);
        var previous = _written.TryGetValue(session.Pid, out var written) ? written.Sha1 : "";
        var saved = await _cluster.Database.ScriptEvaluateAsync(SaveScript, [Key(session.Pid)],
            [value, (long)timeToLive.TotalMilliseconds, previous]);
        if ((long)saved == 1)
        {
            _written[session.Pid] = new Written(Sha1(value), _cluster.Time.GetUtcNow() + timeToLive);
        }
    }

    public async Task DeleteAsync(string pid)
    {
        if (_written.TryRemove(pid, out var written))
        {
            await _cluster.Database.ScriptEvaluateAsync(DeleteScript, [Key(pid)], [written.Sha1]);
        }
    }

    public async Task<SocketIOStoredSession?> TakeAsync(string pid)
    {
        // A save of this server still on its way must land first, or its value would not be recognised as ours.
        while (_saving.TryGetValue(pid, out var saving) && !saving.IsCompleted)
        {
            await saving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var taken = await _cluster.Database.ScriptEvaluateAsync(TakeScript, [Key(pid)]);
        var wroteLast = _written.TryRemove(pid, out var written);
        if (taken.IsNull)
        {
            return null;
        }
        var parts = (RedisResult[])taken!;
        var text = parts[0].ToString();
        var left = (long)parts[1];
        var ours = wroteLast && written!.Sha1 == Sha1(text);
        try
        {
            return StreamsCodec.DecodeSession(text) with
            {
                SavedHere = ours,
                ReturnState = new Taken(text, left > 0 ? TimeSpan.FromMilliseconds(left) : null, _cluster.Time.GetTimestamp(), ours ? written : null),
            };
        }
        catch (ClusterFormatException exception)
        {
            RedisCluster.Log.Malformed(_cluster.Logger, _cluster.Options.SessionKeyPrefix + pid, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// Puts a taken session back, byte for byte, for the time it had left; not when anything was saved under its key
    /// since (that is newer) or its time ran out meanwhile. If this server had written it, it owns it again.
    /// </summary>
    public async Task ReturnAsync(SocketIOStoredSession session)
    {
        if (session.ReturnState is not Taken taken)
        {
            return;
        }
        TimeSpan? left = null;
        if (taken.Left is { } had)
        {
            left = had - _cluster.Time.GetElapsedTime(taken.At);
            if (left <= TimeSpan.Zero)
            {
                return;
            }
        }
        if (await _cluster.Database.StringSetAsync(Key(session.Pid), taken.Value, left, When.NotExists) && taken.Written is { } written)
        {
            _written.TryAdd(session.Pid, written);
        }
    }

    /// <summary>
    /// The broadcasts of <paramref name="namespace"/> after <paramref name="offset"/> that reach a socket in
    /// <paramref name="rooms"/>, each with its entry id appended; null when the offset is not an id still in the stream.
    /// </summary>
    public async Task<IReadOnlyList<SocketIOData>?> ReadMissedAsync(string @namespace, string offset, IReadOnlyList<string> rooms)
    {
        if (!StreamId().IsMatch(offset))
        {
            return null;
        }
        var stream = _cluster.Options.StreamName;
        var database = _cluster.Database;
        if ((await database.StreamRangeAsync(stream, offset, offset)).Length == 0)
        {
            return null;
        }
        var missed = new List<SocketIOData>();
        var from = offset;
        for (var page = 0; page < MissedPagesLimit; page++)
        {
            var entries = await database.StreamRangeAsync(stream, StreamReader.Next(from), "+", MissedPageSize);
            foreach (var entry in entries)
            {
                from = entry.Id.ToString();
                if (Missed(entry, @namespace, rooms) is { } packet)
                {
                    missed.Add(AppendOffset(packet, from));
                }
            }
            if (entries.Length < MissedPageSize)
            {
                break;
            }
        }
        return missed;
    }

    public void Dispose() => _pruner.Dispose();

    private SocketIOData? Missed(StreamEntry entry, string @namespace, IReadOnlyList<string> rooms)
    {
        var fields = entry.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString(), StringComparer.Ordinal);
        if (fields.GetValueOrDefault("nsp") != @namespace || fields.GetValueOrDefault("type") != "3")
        {
            return null;
        }
        ClusterMessage message;
        try
        {
            message = StreamsCodec.DecodeEntry(new StreamsCodec.Entry(fields.GetValueOrDefault("uid", ""), @namespace, "3", fields.GetValueOrDefault("data")));
        }
        catch (ClusterFormatException exception)
        {
            RedisCluster.Log.Malformed(_cluster.Logger, $"{_cluster.Options.StreamName} {entry.Id}", exception.Message);
            return null;
        }
        var options = message.Options;
        var included = options.Rooms.Count == 0 || rooms.Any(options.Rooms.Contains);
        var excluded = rooms.Any(options.ExceptRooms.Contains);
        return included && !excluded && !options.Volatile && message.RequestId is null ? message.Packet : null;
    }

    private static SocketIOData AppendOffset(SocketIOData packet, string offset)
    {
        var json = packet.Json.Span;
        var quoted = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(offset));
        var result = new byte[json.Length + 1 + quoted.Length];
        json[..^1].CopyTo(result);
        result[json.Length - 1] = (byte)',';
        quoted.CopyTo(result.AsSpan(json.Length));
        result[^1] = (byte)']';
        return new SocketIOData(result, packet.Attachments);
    }

    private RedisKey Key(string pid) => _cluster.Options.SessionKeyPrefix + pid;

    private static string Sha1(string value) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(value)));

    private void Prune()
    {
        var now = _cluster.Time.GetUtcNow();
        foreach (var (pid, written) in _written)
        {
            if (written.Expires < now)
            {
                _written.TryRemove(new KeyValuePair<string, Written>(pid, written));
            }
        }
    }

    [GeneratedRegex("^[0-9]+-[0-9]+$")]
    private static partial Regex StreamId();

    private sealed record Written(string Sha1, DateTimeOffset Expires);

    /// <summary>A taken session's stored value, the time it had left (null: no expiry) when taken at <paramref name="At"/>, and this server's write of it.</summary>
    private sealed record Taken(string Value, TimeSpan? Left, long At, Written? Written);
}
