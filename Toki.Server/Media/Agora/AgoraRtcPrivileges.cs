namespace Toki.Server.Media.Agora;

/// <summary>
/// The privileges an RTC token grants, each with its own expiry counted from the token's issue time.
/// Expiries are whole seconds (fractions are truncated) between zero and 24 hours; Agora does not document
/// what a privilege expiry of zero means, so callers should pass the real duration.
/// </summary>
internal sealed class AgoraRtcPrivileges
{
    public static readonly TimeSpan MaximumExpiry = TimeSpan.FromHours(24);

    private readonly KeyValuePair<AgoraRtcPrivilege, uint>[] _entries;

    private AgoraRtcPrivileges(KeyValuePair<AgoraRtcPrivilege, uint>[] entries) => _entries = entries;

    /// <summary>Privileges in ascending key order, the order in which they are written into the token.</summary>
    public IReadOnlyList<KeyValuePair<AgoraRtcPrivilege, uint>> Entries => _entries;

    /// <summary>The longest privilege expiry, in seconds.</summary>
    public uint LongestExpirySeconds => _entries.Max(e => e.Value);

    /// <summary>Join plus publishing audio, video and data, all with the same expiry (Agora's PUBLISHER role).</summary>
    public static AgoraRtcPrivileges Publisher(TimeSpan expiry) => Create(expiry, expiry, expiry, expiry);

    /// <summary>Join only (Agora's SUBSCRIBER role).</summary>
    public static AgoraRtcPrivileges JoinOnly(TimeSpan expiry) => Create(expiry);

    /// <summary>Join with the given expiry, plus each publish privilege whose expiry is given.</summary>
    public static AgoraRtcPrivileges Create(TimeSpan joinChannel, TimeSpan? publishAudio = null,
        TimeSpan? publishVideo = null, TimeSpan? publishData = null)
    {
        var entries = new List<KeyValuePair<AgoraRtcPrivilege, uint>>(4)
        {
            new(AgoraRtcPrivilege.JoinChannel, ToSeconds(joinChannel, nameof(joinChannel))),
        };
        Add(entries, AgoraRtcPrivilege.PublishAudioStream, publishAudio, nameof(publishAudio));
        Add(entries, AgoraRtcPrivilege.PublishVideoStream, publishVideo, nameof(publishVideo));
        Add(entries, AgoraRtcPrivilege.PublishDataStream, publishData, nameof(publishData));
        return new AgoraRtcPrivileges([.. entries]);
    }

    private static void Add(List<KeyValuePair<AgoraRtcPrivilege, uint>> entries, AgoraRtcPrivilege privilege,
        TimeSpan? expiry, string parameterName)
    {
        if (expiry is { } value)
        {
            entries.Add(new(privilege, ToSeconds(value, parameterName)));
        }
    }

    private static uint ToSeconds(TimeSpan expiry, string parameterName)
    {
        if (expiry < TimeSpan.Zero || expiry > MaximumExpiry)
        {
            throw new ArgumentOutOfRangeException(parameterName, expiry,
                "A privilege expiry must be between zero and 24 hours.");
        }
        return (uint)(expiry.Ticks / TimeSpan.TicksPerSecond);
    }
}
