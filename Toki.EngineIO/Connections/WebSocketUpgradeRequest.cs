namespace Toki.EngineIO.Connections;

/// <summary>A WebSocket upgrade request for an Engine.IO path, read off a connection before Kestrel's HTTP layer saw it.</summary>
internal sealed class WebSocketUpgradeRequest
{
    public WebSocketUpgradeRequest(EngineIOConnectionRoute route, byte[] head, string target, string host, string? origin, string key,
        string? eio, string transport, string? sid)
    {
        Route = route;
        Head = head;
        Target = target;
        Host = host;
        Origin = origin;
        Key = key;
        Eio = eio;
        Transport = transport;
        Sid = sid;
    }

    public EngineIOConnectionRoute Route { get; }

    /// <summary>The request line and the header lines, each ending in CRLF (the blank line excluded).</summary>
    public byte[] Head { get; }

    /// <summary>Path and query string, as sent.</summary>
    public string Target { get; }

    public string Path => Target.IndexOf('?', StringComparison.Ordinal) is var question and >= 0 ? Target[..question] : Target;

    /// <summary>The query string with its "?", or empty.</summary>
    public string QueryString => Target.IndexOf('?', StringComparison.Ordinal) is var question and >= 0 ? Target[question..] : "";

    public string Host { get; }

    /// <summary>The Origin header (several joined with commas), or null.</summary>
    public string? Origin { get; }

    public string Key { get; }

    /// <summary>The EIO, transport and sid query values, each null unless given exactly once (sid: "" when given more than once).</summary>
    public string? Eio { get; }

    public string Transport { get; }

    public string? Sid { get; }
}
