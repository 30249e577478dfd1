namespace Toki.Server.Observability;

/// <summary>
/// The official Socket.IO Admin UI (configuration section <c>SocketIOAdmin</c>): off unless <see cref="Enabled"/>; then
/// <see cref="PasswordHash"/> (a bcrypt hash, as Node's <c>instrument()</c> takes) is required.
/// </summary>
internal sealed class AdminUIOptions
{
    public const string SectionName = "SocketIOAdmin";

    public bool Enabled { get; set; }

    public string Namespace { get; set; } = "/admin";

    public string Username { get; set; } = "admin";

    public string PasswordHash { get; set; } = "";

    public bool ReadOnly { get; set; }

    /// <summary>"development" streams sockets, rooms and events; "production" only the server's stats.</summary>
    public string Mode { get; set; } = "development";

    public string? ServerId { get; set; }

    /// <summary>How often the UI gets the server's stats.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(2);
}
