namespace Toki.Server.Media.WebRtc;

/// <summary>
/// One configured ICE server (an entry of <c>Media:WebRtc:IceServers</c>): either static, sent as configured, or
/// backed by a coturn <c>use-auth-secret</c> shared secret, from which time-limited credentials are computed per
/// user. The shared secret never leaves the server; it and the static credential are redacted from ToString.
/// </summary>
internal sealed class IceServerOptions
{
    public static readonly TimeSpan MinimumCredentialTtl = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumCredentialTtl = TimeSpan.FromHours(24);

    public string[] Urls { get; set; } = [];

    public string? Username { get; set; }

    public string? Credential { get; set; }

    public string? SharedSecret { get; set; }

    /// <summary>How long a credential computed from <see cref="SharedSecret"/> stays valid.</summary>
    public TimeSpan CredentialTtl { get; set; } = TimeSpan.FromHours(1);

    public bool UsesSharedSecret => !string.IsNullOrEmpty(SharedSecret);

    public override string ToString() =>
        $"IceServerOptions {{ Urls = [{string.Join(", ", Urls)}], Username = {Username}, " +
        $"Credential = {Redacted(Credential)}, SharedSecret = {Redacted(SharedSecret)}, CredentialTtl = {CredentialTtl:c} }}";

    private static string Redacted(string? secret) => string.IsNullOrEmpty(secret) ? "(unset)" : "(redacted)";
}
