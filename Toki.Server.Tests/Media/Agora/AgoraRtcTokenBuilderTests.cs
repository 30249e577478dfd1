using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Server.Media.Agora;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Media.Agora;

[Category(TestCategories.Unit)]
internal sealed class AgoraRtcTokenBuilderTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [TestCase("2026-11-21T07:36:00.000Z", 3600)]
    [TestCase("2026-11-21T07:36:59.999Z", 60)]
    [TestCase("2106-02-07T06:28:15.000Z", 86400)]
    public void Issue_time_comes_from_the_time_provider_and_expiry_is_relative(string now, int expirySeconds)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var expiry = TimeSpan.FromSeconds(expirySeconds);

        var token = Builder(clock).BuildWithUid("call_1", 7, AgoraRtcPrivileges.Publisher(expiry), expiry);

        var parsed = AccessToken2TestParser.Parse(token.Token);
        var issueTs = clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Multiple(() =>
        {
            Assert.That(parsed.IssueTs, Is.EqualTo(issueTs));
            Assert.That(parsed.Expire, Is.EqualTo(expirySeconds));
            Assert.That(token.IssuedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(issueTs)));
            Assert.That(token.ExpiresAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(issueTs + expirySeconds)));
            Assert.That(token.AppId, Is.EqualTo(AgoraTestCredentials.AppId));
            Assert.That(parsed.VerifySignature(AgoraTestCredentials.AppCertificate), Is.True);
        });
    }

    [Test]
    public void Salts_are_random_within_agoras_range()
    {
        var builder = Builder(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000)));

        var salts = Enumerable.Range(0, 200)
            .Select(_ => AccessToken2TestParser.Parse(builder.BuildWithAccount("c", "a", AgoraRtcPrivileges.JoinOnly(Hour), Hour).Token).Salt)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(salts, Is.All.InRange(1u, 99_999_999u));
            Assert.That(salts.Distinct().Count(), Is.GreaterThan(190), "200 draws from 10^8 values barely collide");
        });
    }

    public static IEnumerable<TestCaseData> PrivilegeSets() =>
    [
        new TestCaseData(AgoraRtcPrivileges.Publisher(Hour), new[] { (1, 3600), (2, 3600), (3, 3600), (4, 3600) })
            .SetArgDisplayNames("publisher"),
        new TestCaseData(AgoraRtcPrivileges.JoinOnly(TimeSpan.FromSeconds(90.9)), new[] { (1, 90) })
            .SetArgDisplayNames("join only, fraction truncated"),
        new TestCaseData(AgoraRtcPrivileges.Create(Hour, publishVideo: TimeSpan.FromMinutes(5)), new[] { (1, 3600), (3, 300) })
            .SetArgDisplayNames("join and video"),
        new TestCaseData(AgoraRtcPrivileges.Create(Hour, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)),
                new[] { (1, 3600), (2, 60), (3, 120), (4, 180) })
            .SetArgDisplayNames("explicit per privilege"),
    ];

    [TestCaseSource(nameof(PrivilegeSets))]
    public void Privileges_are_written_in_ascending_key_order(AgoraRtcPrivileges privileges, (int Key, int Expire)[] expected)
    {
        var token = Builder(TimeProvider.System).BuildWithUid("call_1", 42, privileges, Hour);

        var service = AccessToken2TestParser.Parse(token.Token).RtcServices.Single();
        Assert.That(service.Privileges,
            Is.EqualTo(expected.Select(e => new KeyValuePair<ushort, uint>((ushort)e.Key, (uint)e.Expire))));
    }

    [TestCase(0u, "")]
    [TestCase(1u, "1")]
    [TestCase(4294967295u, "4294967295")]
    public void Uids_are_written_as_decimal_strings_with_zero_as_wildcard(uint uid, string field)
    {
        var token = Builder(TimeProvider.System).BuildWithUid("call_1", uid, AgoraRtcPrivileges.Publisher(Hour), Hour);

        Assert.That(AccessToken2TestParser.Parse(token.Token).RtcServices.Single().Uid, Is.EqualTo(field));
    }

    public static IEnumerable<TestCaseData> InvalidRequests() =>
    [
        Invalid("empty channel", b => b.BuildWithUid("", 1, AgoraRtcPrivileges.Publisher(Hour), Hour),
            "An Agora channel name must be 1 to 63 UTF-8 bytes long; it has 0. (Parameter 'channelName')"),
        Invalid("64-byte channel", b => b.BuildWithUid(new string('c', 64), 1, AgoraRtcPrivileges.Publisher(Hour), Hour),
            "An Agora channel name must be 1 to 63 UTF-8 bytes long; it has 64. (Parameter 'channelName')"),
        Invalid("empty account", b => b.BuildWithAccount("c", "", AgoraRtcPrivileges.Publisher(Hour), Hour),
            "An Agora user account must be 1 to 255 UTF-8 bytes long; it has 0. (Parameter 'account')"),
        Invalid("256-byte account", b => b.BuildWithAccount("c", new string('é', 128), AgoraRtcPrivileges.Publisher(Hour), Hour),
            "An Agora user account must be 1 to 255 UTF-8 bytes long; it has 256. (Parameter 'account')"),
        Invalid("zero token expiry", b => b.BuildWithUid("c", 1, AgoraRtcPrivileges.JoinOnly(TimeSpan.Zero), TimeSpan.Zero),
            "A token expiry must be between one second and 24 hours. (Parameter 'tokenExpiry')\nActual value was 00:00:00."),
        Invalid("token expiry over 24 h", b => b.BuildWithUid("c", 1, AgoraRtcPrivileges.JoinOnly(Hour), TimeSpan.FromHours(24.001)),
            "A token expiry must be between one second and 24 hours. (Parameter 'tokenExpiry')\nActual value was 1.00:00:03.6000000."),
        Invalid("privilege outlives token", b => b.BuildWithUid("c", 1, AgoraRtcPrivileges.Create(Hour, publishAudio: Hour + TimeSpan.FromSeconds(1)), Hour),
            "A privilege expiry must not exceed the token expiry; the token is void after its own expiry. (Parameter 'privileges')"),
        Invalid("negative privilege expiry", _ => AgoraRtcPrivileges.JoinOnly(TimeSpan.FromSeconds(-1)),
            "A privilege expiry must be between zero and 24 hours. (Parameter 'joinChannel')\nActual value was -00:00:01."),
        Invalid("privilege expiry over 24 h", _ => AgoraRtcPrivileges.Create(Hour, publishData: TimeSpan.FromHours(25)),
            "A privilege expiry must be between zero and 24 hours. (Parameter 'publishData')\nActual value was 1.01:00:00."),
    ];

    private static TestCaseData Invalid(string name, Action<AgoraRtcTokenBuilder> build, string message) =>
        new TestCaseData(build, message.Replace("\n", Environment.NewLine, StringComparison.Ordinal))
            .SetArgDisplayNames(name);

    [TestCaseSource(nameof(InvalidRequests))]
    public void Invalid_requests_are_rejected(Action<AgoraRtcTokenBuilder> build, string message)
    {
        var builder = Builder(TimeProvider.System);

        Assert.That(() => build(builder), Throws.InstanceOf<ArgumentException>().With.Message.EqualTo(message));
    }

    [Test]
    public void Building_without_configuration_fails_clearly()
    {
        var builder = new AgoraRtcTokenBuilder(AgoraTestCredentials.Options(null, null), TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(builder.IsConfigured, Is.False);
            Assert.That(() => builder.BuildWithUid("c", 1, AgoraRtcPrivileges.Publisher(Hour), Hour),
                Throws.InvalidOperationException.With.Message.EqualTo(
                    "Agora is not configured; set Media:Agora:AppId and AppCertificate."));
        });
    }

    private static AgoraRtcTokenBuilder Builder(TimeProvider clock) => new(AgoraTestCredentials.Options(), clock);
}
