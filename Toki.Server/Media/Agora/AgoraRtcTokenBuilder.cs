using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Toki.Server.Media.Agora;

/// <summary>
/// Builds Agora AccessToken2 RTC tokens signed with the configured App Certificate. The issue time comes from
/// the injected <see cref="TimeProvider"/>; the salt is random in 1..99,999,999 as in Agora's own builders.
/// </summary>
internal sealed class AgoraRtcTokenBuilder(IOptions<AgoraOptions> options, TimeProvider timeProvider)
{
    public const int MaximumChannelNameBytes = 63;
    public const int MaximumAccountBytes = 255;
    private const int MaximumSaltExclusive = 100_000_000;

    private readonly AgoraOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>The configured default token lifetime (<c>Media:Agora:TokenTtl</c>).</summary>
    public TimeSpan TokenTtl => _options.TokenTtl;

    /// <summary>Builds a token for a numeric uid; uid 0 is Agora's wildcard (any uid may join with it).</summary>
    public AgoraRtcToken BuildWithUid(string channelName, uint uid, AgoraRtcPrivileges privileges,
        TimeSpan tokenExpiry) =>
        BuildWithUid(channelName, uid, privileges, tokenExpiry, CurrentIssueTs(), RandomSalt());

    /// <summary>Builds a token for a string user account (1 to 255 UTF-8 bytes).</summary>
    public AgoraRtcToken BuildWithAccount(string channelName, string account, AgoraRtcPrivileges privileges,
        TimeSpan tokenExpiry) =>
        BuildWithAccount(channelName, account, privileges, tokenExpiry, CurrentIssueTs(), RandomSalt());

    internal AgoraRtcToken BuildWithUid(string channelName, uint uid, AgoraRtcPrivileges privileges,
        TimeSpan tokenExpiry, uint issueTs, uint salt) =>
        Build(channelName, AgoraAccessToken2.UidField(uid), privileges, tokenExpiry, issueTs, salt);

    internal AgoraRtcToken BuildWithAccount(string channelName, string account, AgoraRtcPrivileges privileges,
        TimeSpan tokenExpiry, uint issueTs, uint salt)
    {
        ArgumentNullException.ThrowIfNull(account);
        var length = Encoding.UTF8.GetByteCount(account);
        if (length is 0 or > MaximumAccountBytes)
        {
            throw new ArgumentException(
                $"An Agora user account must be 1 to {MaximumAccountBytes} UTF-8 bytes long; it has {length}.",
                nameof(account));
        }
        return Build(channelName, account, privileges, tokenExpiry, issueTs, salt);
    }

    private AgoraRtcToken Build(string channelName, string uidField, AgoraRtcPrivileges privileges,
        TimeSpan tokenExpiry, uint issueTs, uint salt)
    {
        ArgumentNullException.ThrowIfNull(channelName);
        ArgumentNullException.ThrowIfNull(privileges);
        if (!_options.IsConfigured)
        {
            throw new InvalidOperationException(
                $"Agora is not configured; set {AgoraOptions.SectionName}:AppId and AppCertificate.");
        }
        var channelBytes = Encoding.UTF8.GetByteCount(channelName);
        if (channelBytes is 0 or > MaximumChannelNameBytes)
        {
            throw new ArgumentException(
                $"An Agora channel name must be 1 to {MaximumChannelNameBytes} UTF-8 bytes long; it has {channelBytes}.",
                nameof(channelName));
        }
        if (tokenExpiry < TimeSpan.FromSeconds(1) || tokenExpiry > AgoraOptions.MaximumTokenTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(tokenExpiry), tokenExpiry,
                "A token expiry must be between one second and 24 hours.");
        }
        var expire = (uint)(tokenExpiry.Ticks / TimeSpan.TicksPerSecond);
        if (privileges.LongestExpirySeconds > expire)
        {
            throw new ArgumentException(
                "A privilege expiry must not exceed the token expiry; the token is void after its own expiry.",
                nameof(privileges));
        }

        var content = AgoraAccessToken2.BuildRtcContent(_options.AppId!, _options.AppCertificate!, issueTs, expire,
            salt, channelName, uidField, privileges);
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(issueTs);
        return new AgoraRtcToken(AgoraAccessToken2.Encode(content), _options.AppId!, issuedAt,
            issuedAt.AddSeconds(expire));
    }

    private uint CurrentIssueTs() => checked((uint)timeProvider.GetUtcNow().ToUnixTimeSeconds());

    private static uint RandomSalt() => (uint)RandomNumberGenerator.GetInt32(1, MaximumSaltExclusive);
}
