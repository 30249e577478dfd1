namespace Toki.Server.Observability;

/// <summary>The Prometheus endpoint (configuration section <c>Metrics</c>); off unless <see cref="Enabled"/>.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    public bool Enabled { get; set; }

    public string Path { get; set; } = "/metrics";

    /// <summary>When set, a scrape must send <c>Authorization: Bearer &lt;key&gt;</c> (Prometheus' <c>authorization.credentials</c>).</summary>
    public string? ApiKey { get; set; }
}
