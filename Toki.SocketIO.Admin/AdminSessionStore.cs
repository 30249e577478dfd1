using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Toki.SocketIO.Admin;

/// <summary>The UI's sessions: a signed-in UI reconnects with its session id (as Node's InMemoryStore), until it expires.</summary>
internal sealed class AdminSessionStore(TimeProvider time, TimeSpan duration)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    public string Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = time.GetUtcNow();
        foreach (var (expired, _) in _sessions.Where(pair => pair.Value <= now))
        {
            _sessions.TryRemove(expired, out _);
        }
        _sessions[id] = now + duration;
        return id;
    }

    public bool Exists(string? id) => id is not null && _sessions.TryGetValue(id, out var expires) && expires > time.GetUtcNow();
}
