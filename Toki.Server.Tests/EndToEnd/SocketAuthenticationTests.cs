using System.Text;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>Tokens minted by npm jsonwebtoken, the way a MERN backend mints them, on the Socket.IO handshake.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class SocketAuthenticationTests
{
    private CallKit _kit = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kit = await CallKit.StartAsync();
        await _kit.Server.SeedUserAsync("auth-alice", "Alice", 100);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _kit.DisposeAsync();

    private Task<string> Sign(object payload, object? options = null, string secret = TokiTestServer.JwtSecret) =>
        _kit.Clients.SignAsync(payload, secret, options ?? new { expiresIn = "1h" });

    public static IEnumerable<TestCaseData> AcceptedSources()
    {
        yield return new TestCaseData("auth.token").SetName("a token in auth.token is accepted");
        yield return new TestCaseData("query.token").SetName("a token in the query is accepted");
        yield return new TestCaseData("bearer").SetName("a token in the Authorization header is accepted");
    }

    [TestCaseSource(nameof(AcceptedSources))]
    public async Task Valid_tokens_connect_from_every_source(string source)
    {
        var token = await Sign(new { sub = "auth-alice" });
        var id = "auth-" + source;
        object options = source switch
        {
            "auth.token" => new { auth = new { token } },
            "query.token" => new { query = new { token } },
            _ => new { extraHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token }, transports = new[] { "polling" } },
        };
        var connected = await _kit.Clients.ConnectAsync(id, options);
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"), connected.GetRawText());
        var state = await _kit.Clients.NextEventAsync(id, "call:state");
        Assert.That(state.GetProperty("call").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        _kit.Clients.Disconnect(id);
    }

    [Test]
    public async Task A_numeric_id_claim_is_the_user_id()
    {
        await _kit.Server.SeedUserAsync("4242", "Numbers", 100);
        var token = await Sign(new { id = 4242 });
        var connected = await _kit.Clients.ConnectAsync("auth-numeric", new { auth = new { token } });
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"));
        var ack = await _kit.Clients.EmitAsync("auth-numeric", "call:request", new { calleeId = "4242", type = "audio" });
        Assert.That(ack.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("self_call"), "the server took the user id from the numeric claim");
    }

    public static IEnumerable<TestCaseData> RefusedTokens()
    {
        yield return new TestCaseData("expired", new { sub = "auth-alice", exp = 1_000_000_000 }, new { }, TokiTestServer.JwtSecret).SetName("an expired token is refused");
        yield return new TestCaseData("not yet valid", new { sub = "auth-alice" }, new { notBefore = "1h" }, TokiTestServer.JwtSecret).SetName("a token not valid yet is refused");
        yield return new TestCaseData("wrong secret", new { sub = "auth-alice" }, null, "some-other-secret-0123456789abcdef0123").SetName("a token signed with another secret is refused");
        yield return new TestCaseData("HS512", new { sub = "auth-alice" }, new { algorithm = "HS512" }, TokiTestServer.JwtSecret).SetName("an HS512 token is refused");
        yield return new TestCaseData("no user id", new { name = "who" }, null, TokiTestServer.JwtSecret).SetName("a token without a user id claim is refused");
    }

    [TestCaseSource(nameof(RefusedTokens))]
    public async Task Invalid_tokens_get_connect_error_unauthorized(string what, object payload, object? options, string secret)
    {
        var token = await Sign(payload, options, secret);
        var id = "refused-" + what.Replace(' ', '-');
        var result = await _kit.Clients.ConnectAsync(id, new { auth = new { token } });
        Assert.That((result.GetProperty("type").GetString(), result.GetProperty("message").GetString()), Is.EqualTo(("connect_error", "unauthorized")));
    }

    public static IEnumerable<TestCaseData> Tampered()
    {
        yield return new TestCaseData("payload").SetName("a token with an edited payload is refused");
        yield return new TestCaseData("signature").SetName("a token with a flipped signature is refused");
        yield return new TestCaseData("none").SetName("an alg none token is refused");
    }

    [TestCaseSource(nameof(Tampered))]
    public async Task Tampered_tokens_are_refused(string part)
    {
        var token = await Sign(new { sub = "auth-alice" });
        var segments = token.Split('.');
        var forged = part switch
        {
            "payload" => $"{segments[0]}.{Base64Url("""{"sub":"auth-bob"}""")}.{segments[2]}",
            "signature" => $"{segments[0]}.{segments[1]}.{(segments[2][0] == 'A' ? 'B' : 'A')}{segments[2][1..]}",
            _ => $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{segments[1]}.",
        };
        var result = await _kit.Clients.ConnectAsync("tampered-" + part, new { auth = new { token = forged } });
        Assert.That((result.GetProperty("type").GetString(), result.GetProperty("message").GetString()), Is.EqualTo(("connect_error", "unauthorized")));
    }

    [Test]
    public async Task A_bare_user_id_is_refused_unless_the_development_switch_is_on()
    {
        var refused = await _kit.Clients.ConnectAsync("insecure-off", new { auth = new { userId = "auth-alice" } });
        Assert.That(refused.GetProperty("message").GetString(), Is.EqualTo("unauthorized"));

        await using var insecure = await CallKit.StartAsync(new Dictionary<string, string?> { ["Auth:AllowInsecureUserId"] = "true" }, environment: "Development");
        await insecure.Server.SeedUserAsync("dev-user", "Dev", 10);
        var accepted = await insecure.Clients.ConnectAsync("insecure-on", new { auth = new { userId = "dev-user" } });
        Assert.That(accepted.GetProperty("type").GetString(), Is.EqualTo("connect"));
        Assert.That(insecure.Server.Logs.Any(line => line.Contains("WITHOUT a token", StringComparison.Ordinal)), Is.True, "each insecure connection logs a warning");
    }

    private static string Base64Url(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
