using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Server.Media;
using Toki.Server.Media.Agora;
using Toki.Server.Media.WebRtc;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.Media.Agora;

namespace Toki.Server.Tests.Media;

[Category(TestCategories.Unit)]
internal sealed class MediaServiceCollectionExtensionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddMediaCredentials(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Test]
    public void Without_configuration_media_is_valid_and_offers_nothing()
    {
        using var provider = Services([]);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<AgoraRtcTokenBuilder>().IsConfigured, Is.False);
            Assert.That(provider.GetRequiredService<IceServerProvider>().GetIceServers("alice"), Is.Empty);
            Assert.That(provider.GetRequiredService<TimeProvider>(), Is.SameAs(TimeProvider.System));
        });
    }

    [Test]
    public void Configuration_is_bound_and_used()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        using var provider = Services(new()
        {
            ["Media:Agora:AppId"] = AgoraTestCredentials.AppId,
            ["Media:Agora:AppCertificate"] = AgoraTestCredentials.AppCertificate,
            ["Media:Agora:TokenTtl"] = "02:00:00",
            ["Media:WebRtc:IceServers:0:Urls:0"] = "stun:stun.example.org",
            ["Media:WebRtc:IceServers:1:Urls:0"] = "turn:turn.example.org",
            ["Media:WebRtc:IceServers:1:Urls:1"] = "turns:turn.example.org:443",
            ["Media:WebRtc:IceServers:1:SharedSecret"] = "secret",
            ["Media:WebRtc:IceServers:1:CredentialTtl"] = "00:30:00",
        }, clock);

        provider.GetRequiredService<IStartupValidator>().Validate();
        var builder = provider.GetRequiredService<AgoraRtcTokenBuilder>();
        var token = builder.BuildWithUid("call_1", 5, AgoraRtcPrivileges.Publisher(builder.TokenTtl), builder.TokenTtl);
        var servers = provider.GetRequiredService<IceServerProvider>().GetIceServers("alice");
        var uids = provider.GetRequiredService<AgoraUidAssigner>().AssignCallUids("call_1", "alice", "bob");

        Assert.Multiple(() =>
        {
            Assert.That(builder.TokenTtl, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(token.ExpiresAt, Is.EqualTo(clock.GetUtcNow().AddHours(2)));
            Assert.That(AccessToken2TestParser.Parse(token.Token).VerifySignature(AgoraTestCredentials.AppCertificate), Is.True);
            Assert.That(uids.CallerUid, Is.Not.EqualTo(uids.CalleeUid));
            Assert.That(servers.Select(s => string.Join(" ", s.Urls)),
                Is.EqualTo(new[] { "stun:stun.example.org", "turn:turn.example.org turns:turn.example.org:443" }));
            Assert.That(servers[0].Username, Is.Null);
            Assert.That(servers[1].Username, Is.EqualTo("1700001800:alice"));
        });
    }

    public static IEnumerable<TestCaseData> BadConfigurations() =>
    [
        new TestCaseData(new Dictionary<string, string?> { ["Media:Agora:AppId"] = AgoraTestCredentials.AppId },
                "Media:Agora:AppCertificate is missing; set both AppId and AppCertificate, or neither to disable Agora.")
            .SetArgDisplayNames("App ID only"),
        new TestCaseData(new Dictionary<string, string?> { ["Media:Agora:TokenTtl"] = "2.00:00:00" },
                "Media:Agora:TokenTtl must be between 00:01:00 and 1.00:00:00; the configured value is 2.00:00:00.")
            .SetArgDisplayNames("Agora TTL of two days"),
        new TestCaseData(new Dictionary<string, string?> { ["Media:WebRtc:IceServers:0:Urls:0"] = "turn:t" },
                "Media:WebRtc:IceServers:0 has a turn: or turns: URL but no credentials; set SharedSecret, or Username and Credential.")
            .SetArgDisplayNames("TURN without credentials"),
    ];

    [TestCaseSource(nameof(BadConfigurations))]
    public void Bad_configuration_fails_at_startup(Dictionary<string, string?> settings, string failure)
    {
        using var provider = Services(settings);

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(),
            Throws.TypeOf<OptionsValidationException>().With.Property(nameof(OptionsValidationException.Failures))
                .EqualTo(new[] { failure }));
    }
}
