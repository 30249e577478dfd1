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
}
