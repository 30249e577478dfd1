using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Server.Media.WebRtc;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Media.WebRtc;

[Category(TestCategories.Unit)]
internal sealed class IceServerProviderTests
{
    private const string Secret = "coturn-static-auth-secret";

    private static IceServerProvider Provider(TimeProvider clock, params IceServerOptions[] servers) =>
        new(Options.Create(new WebRtcOptions { IceServers = [.. servers] }), clock);

    [Test]
    public void By_default_there_are_no_ice_servers()
    {
        var provider = new IceServerProvider(Options.Create(new WebRtcOptions()), TimeProvider.System);

        Assert.That(provider.GetIceServers("alice"), Is.Empty);
    }

    [Test]
    public void Static_servers_are_passed_through_as_configured()
    {
        var provider = Provider(TimeProvider.System,
            new IceServerOptions { Urls = ["stun:stun.example.org:3478"] },
            new IceServerOptions { Urls = ["turn:turn.example.org?transport=udp", "turns:turn.example.org:443"], Username = "u", Credential = "p" });

        var servers = provider.GetIceServers("alice");

        Assert.That(servers, Is.EqualTo(new[]
        {
            new IceServer(["stun:stun.example.org:3478"]),
            new IceServer(["turn:turn.example.org?transport=udp", "turns:turn.example.org:443"], "u", "p"),
        }).Using<IceServer>(SameServer));
    }

    public static IEnumerable<TestCaseData> Clocks() =>
    [
        new TestCaseData("2023-11-14T22:13:20.000Z", TimeSpan.FromHours(1), 1700003600L).SetArgDisplayNames("default TTL"),
        new TestCaseData("2023-11-14T22:13:20.999Z", TimeSpan.FromMinutes(10), 1700000600L).SetArgDisplayNames("sub-second clock"),
        new TestCaseData("2030-01-01T00:00:00.000Z", TimeSpan.FromHours(24), 1893542400L).SetArgDisplayNames("24 h TTL"),
    ];

    [TestCaseSource(nameof(Clocks))]
    public void Shared_secret_servers_get_credentials_that_expire_after_the_ttl(string now, TimeSpan ttl, long expiry)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var provider = Provider(clock,
            new IceServerOptions { Urls = ["stun:turn.example.org", "turn:turn.example.org"], SharedSecret = Secret, CredentialTtl = ttl });

        var server = provider.GetIceServers("user_42").Single();

        var expectedUsername = $"{expiry}:user_42";
        var expectedCredential = Convert.ToBase64String(
            HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(expectedUsername)));
        Assert.That(server, Is.EqualTo(
            new IceServer(["stun:turn.example.org", "turn:turn.example.org"], expectedUsername, expectedCredential))
            .Using<IceServer>(SameServer));
    }

    [Test]
    public void Credentials_are_fresh_on_every_call()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var provider = Provider(clock, new IceServerOptions { Urls = ["turn:t"], SharedSecret = Secret });

        var first = provider.GetIceServers("alice").Single();
        clock.Advance(TimeSpan.FromMinutes(30));
        var later = provider.GetIceServers("alice").Single();

        Assert.Multiple(() =>
        {
            Assert.That(first.Username, Is.EqualTo("1700003600:alice"));
            Assert.That(later.Username, Is.EqualTo("1700005400:alice"));
            Assert.That(later.Credential, Is.Not.EqualTo(first.Credential));
        });
    }

    [Test]
    public void Browser_json_has_the_rtc_ice_server_shape_and_no_secret()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var options = new IceServerOptions { Urls = ["turn:t"], SharedSecret = Secret };
        var provider = Provider(clock, new IceServerOptions { Urls = ["stun:s"] }, options);

        var servers = provider.GetIceServers("alice");
        var json = JsonSerializer.Serialize(servers);

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(json), new JsonArray(
                new JsonObject { ["urls"] = new JsonArray("stun:s") },
                new JsonObject
                {
                    ["urls"] = new JsonArray("turn:t"), ["username"] = "1700003600:alice",
                    ["credential"] = servers[1].Credential,
                })), Is.True, json);
            Assert.That(json + servers[1] + options, Does.Not.Contain(Secret));
            Assert.That(servers[1].ToString(), Does.Not.Contain(servers[1].Credential!));
        });
    }

    private static bool SameServer(IceServer a, IceServer b) =>
        a.Urls.SequenceEqual(b.Urls) && a.Username == b.Username && a.Credential == b.Credential;
}
