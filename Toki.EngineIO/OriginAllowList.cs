using Microsoft.AspNetCore.Http;

namespace Toki.EngineIO;

/// <summary>
/// A CORS allow-list of exact origins (scheme://host[:port], compared case-insensitively); "*" allows every
/// origin. Shared by the Engine.IO endpoint and any HTTP API that must follow the same list.
/// </summary>
public sealed class OriginAllowList
{
    private readonly HashSet<string> _origins;
    private readonly bool _allowAny;

    public OriginAllowList(IEnumerable<string> origins)
    {
        _origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var origin in origins)
        {
            var trimmed = origin.Trim().TrimEnd('/');
            if (trimmed == "*")
            {
                _allowAny = true;
            }
            else if (trimmed.Length > 0)
            {
                _origins.Add(trimmed);
            }
        }
    }

    public bool IsAllowed(string origin) => _allowAny || _origins.Contains(origin);

    /// <summary>
    /// Whether <paramref name="origin"/> is the request's own origin (scheme://host[:port]). Browsers send an
    /// Origin header on same-origin POSTs and WebSocket handshakes too; such requests are not cross-origin, so a
    /// page served by this server reaches it whatever the allow-list says.
    /// </summary>
    public static bool IsSameOrigin(string origin, HttpRequest request) =>
        IsSameOrigin(origin, request.Scheme, request.Host.HasValue ? request.Host.Value : null);

    /// <summary>The same rule for a request known by its scheme and Host header.</summary>
    public static bool IsSameOrigin(string origin, string scheme, string? host) =>
        !string.IsNullOrEmpty(host)
        && string.Equals(origin.TrimEnd('/'), $"{scheme}://{host}", StringComparison.OrdinalIgnoreCase);
}
