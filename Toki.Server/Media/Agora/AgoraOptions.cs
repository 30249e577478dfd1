namespace Toki.Server.Media.Agora;

/// <summary>
/// Agora credentials, bound from <c>Media:Agora</c>. Leaving both AppId and AppCertificate unset means Agora is
/// not configured, which is valid; setting either requires both to be valid.
/// </summary>
internal sealed class AgoraOptions
{
    public const string SectionName = "Media:Agora";
    public static readonly TimeSpan MinimumTokenTtl = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumTokenTtl = TimeSpan.FromHours(24);

    public string? AppId { get; set; }

    /// <summary>The signing secret. It never leaves the server and is redacted from <see cref="ToString"/>.</summary>
    public string? AppCertificate { get; set; }

    /// <summary>The default lifetime of a token; Agora caps tokens at 24 hours.</summary>
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(1);

    public bool IsConfigured => !string.IsNullOrEmpty(AppId) || !string.IsNullOrEmpty(AppCertificate);

    public override string ToString() =>
        $"AgoraOptions {{ AppId = {AppId}, AppCertificate = {(string.IsNullOrEmpty(AppCertificate) ? "(unset)" : "(redacted)")}, TokenTtl = {TokenTtl:c} }}";
}
