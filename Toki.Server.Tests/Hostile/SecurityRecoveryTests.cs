using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Identity;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// Connection state recovery is authenticated (protocol.md §1), proven with the official socket.io-client, which
/// resends its whole <c>auth</c> on every reconnect: a valid token of the session's own user restores it
/// (<c>socket.recovered === true</c>, same id); a missing, invalid or expired token is refused with
/// <c>unauthorized</c> and leaves the session waiting for valid credentials; another user's valid token gets a fresh
/// socket of its own. The JWT clock is a manual one, so a token expires without anyone waiting.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class SecurityRecoveryTests
{
    private readonly FakeTimeProvider _jwtClock = new();
    private CallKit _kit = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _kit = await CallKit.StartAsync(services: services =>
        services.AddSingleton(provider => new JwtValidator(provider.GetRequiredService<IOptions<JwtOptions>>(), _jwtClock)));

    [OneTimeTearDown]
    public async Task StopAsync() => await _kit.DisposeAsync();

    private static string Unique(string name) => $"{name}-{TestContext.CurrentContext.Test.ID}";

    private long JwtNow => _jwtClock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A token of <paramref name="userId"/> valid on the server's JWT clock for <paramref name="lifetime"/> seconds.</summary>
    private Task<string> TokenAsync(string userId, long lifetime = 3600, string secret = TokiTestServer.JwtSecret) =>
        _kit.Clients.SignAsync(new { sub = userId, exp = JwtNow + lifetime }, secret);

    private async Task<(string Client, string Sid)> ConnectAsync(string userId)
    {
        await _kit.Server.SeedUserAsync(userId, userId, 1000);
        var connected = await _kit.Clients.ConnectAsync(userId, new { auth = new { token = await TokenAsync(userId) } });
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"), connected.GetRawText());
        await _kit.Clients.NextEventAsync(userId, "call:state");
        return (userId, connected.GetProperty("sid").GetString()!);
    }

    private async Task<JsonElement> DropAndReconnectAsync(string client)
    {
        _kit.Clients.Drop(client);
        return await _kit.Clients.NextConnectOutcomeAsync(client);
    }

    private static void AssertRecovered(JsonElement outcome, string sid)
    {
        Assert.That(outcome.GetProperty("type").GetString(), Is.EqualTo("connect"), outcome.GetRawText());
        Assert.That((outcome.GetProperty("recovered").GetBoolean(), outcome.GetProperty("sid").GetString()), Is.EqualTo((true, sid)), outcome.GetRawText());
    }

    private static void AssertUnauthorized(JsonElement outcome) =>
        Assert.That((outcome.GetProperty("type").GetString(), outcome.TryGetProperty("message", out var m) ? m.GetString() : null),
            Is.EqualTo(("connect_error", (string?)"unauthorized")), outcome.GetRawText());

    [Test]
    public async Task The_same_users_valid_token_restores_the_session_on_every_drop()
    {
        var (alice, sid) = await ConnectAsync(Unique("alice"));
        for (var drop = 1; drop <= 3; drop++)
        {
            AssertRecovered(await DropAndReconnectAsync(alice), sid);
        }
    }

    public static IEnumerable<TestCaseData> BadCredentials()
    {
        yield return new TestCaseData("none").SetName("no token at all");
        yield return new TestCaseData("garbage").SetName("a token that is not a JWT");
        yield return new TestCaseData("wrong secret").SetName("a token signed with another secret");
        yield return new TestCaseData("expired").SetName("an expired token of the same user");
        yield return new TestCaseData("insecure user id").SetName("a bare auth.userId (the development switch is off)");
    }

    [TestCaseSource(nameof(BadCredentials))]
    public async Task A_recovery_without_valid_credentials_is_refused_and_the_session_waits_for_them(string credentials)
    {
        var (alice, sid) = await ConnectAsync(Unique("alice"));
        object auth = credentials switch
        {
            "none" => new { },
            "garbage" => new { token = "not.a.jwt" },
            "wrong secret" => new { token = await TokenAsync(alice, secret: "another-secret-0123456789abcdef0123456789") },
            "expired" => new { token = await TokenAsync(alice, lifetime: -3600) },
            _ => new { userId = alice },
        };
        _kit.Clients.SetAuth(alice, auth);

        AssertUnauthorized(await DropAndReconnectAsync(alice));

        // The rightful client refreshes its token and comes back within the window: the session is still there.
        _kit.Clients.SetAuth(alice, new { token = await TokenAsync(alice) });
        _kit.Clients.Reconnect(alice);
        AssertRecovered(await _kit.Clients.NextConnectOutcomeAsync(alice), sid);
    }

    [Test]
    public async Task Repeated_recoveries_do_not_keep_a_session_alive_past_its_tokens_expiry()
    {
        var alice = Unique("alice");
        await _kit.Server.SeedUserAsync(alice, alice, 1000);
        var connected = await _kit.Clients.ConnectAsync(alice, new { auth = new { token = await TokenAsync(alice, lifetime: 60) } });
        var sid = connected.GetProperty("sid").GetString()!;
        AssertRecovered(await DropAndReconnectAsync(alice), sid);

        // The same token, now past exp plus the 30 s clock skew.
        _jwtClock.Advance(TimeSpan.FromSeconds(91));

        AssertUnauthorized(await DropAndReconnectAsync(alice));
    }

    [Test]
    public async Task Another_users_valid_token_gets_a_fresh_socket_of_its_own()
    {
        var (tab, aliceSid) = await ConnectAsync(Unique("alice"));
        var bob = Unique("bob");
        await _kit.Server.SeedUserAsync(bob, bob, 1000);
        _kit.Clients.SetAuth(tab, new { token = await TokenAsync(bob) });

        var outcome = await DropAndReconnectAsync(tab);

        Assert.That(outcome.GetProperty("type").GetString(), Is.EqualTo("connect"), outcome.GetRawText());
        Assert.That(outcome.GetProperty("recovered").GetBoolean(), Is.False, "not alice's session");
        Assert.That(outcome.GetProperty("sid").GetString(), Is.Not.EqualTo(aliceSid));
        var ack = await _kit.Clients.EmitAsync(tab, "call:request", new { calleeId = bob, type = "audio" });
        CallKit.AssertError(ack, CallErrorCode.SelfCall);
    }
}
