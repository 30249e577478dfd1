namespace Toki.SocketIO.Admin;

/// <summary>What Node's <c>instrument(io, options)</c> takes: the namespace, basic auth with a bcrypt hash, read-only, mode.</summary>
public sealed class SocketIOAdminOptions
{
    public string Namespace { get; set; } = "/admin";

    public string Username { get; set; } = "admin";

    /// <summary>A bcrypt hash of the password (<c>$2a$</c>, <c>$2b$</c> or <c>$2y$</c>), as Node's <c>auth.password</c>.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>No emit, join, leave or disconnect from the UI.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// "development" (the default, as in Node) sends the sockets, their rooms and every event; "production" sends only the
    /// server's stats.
    /// </summary>
    public string Mode { get; set; } = "development";

    /// <summary>Shown in the UI's servers list; the host name when empty.</summary>
    public string? ServerId { get; set; }

    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a signed-in UI may reconnect with its session id instead of the password.</summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// What the UI shows as a socket's <c>data</c> (its application data is not sent as it is); null shows <c>{}</c>. It gets
    /// the socket's <see cref="SocketIOSocket.Data"/>, or, for a socket on another server of a cluster, its data as a
    /// <see cref="System.Text.Json.JsonElement"/> (as that server wrote it).
    /// </summary>
    public Func<object?, object?>? DescribeData { get; set; }

    internal bool IsDevelopment => string.Equals(Mode, "development", StringComparison.OrdinalIgnoreCase);
}
