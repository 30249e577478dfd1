namespace Toki.Server.Gateway;

/// <summary>Per-socket limits on client events (configuration section <c>Calls:RateLimits</c>); 0 turns a limit off.</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "Calls:RateLimits";

    /// <summary>call:request, accept, end, rejoin, sync and the other actions.</summary>
    public double ActionsPerSecond { get; set; } = 10;

    public double ActionBurst { get; set; } = 30;

    /// <summary>Signalling relays (call:signal, offer, answer, ice, media).</summary>
    public double RelaysPerSecond { get; set; } = 1000;

    public double RelayBurst { get; set; } = 2000;
}
