using System.Net;
using NUnit.Framework;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// "The user id is the first present of the claims sub, id, userId" (protocol.md §1), on the socket and the HTTP API
/// alike: a present claim without a usable id refuses the token; it never falls through to a later claim naming
/// somebody else.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class SecurityUserIdClaimTests
{
    private const string Victim = "claims-victim";
    private CallKit _kit = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kit = await CallKit.StartAsync();
        await _kit.Server.SeedUserAsync(Victim, "Victim", 1000);
        _http = new HttpClient { BaseAddress = _kit.Server.BaseUrl };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _kit.DisposeAsync();
    }

    public static IEnumerable<TestCaseData> Claims()
    {
        yield return new TestCaseData("""{"sub":"","id":"claims-victim"}""", false).SetName("an empty sub does not fall back to id");
        yield return new TestCaseData("""{"sub":"   ","userId":"claims-victim"}""", false).SetName("a blank sub does not fall back to userId");
        yield return new TestCaseData("""{"sub":null,"id":"claims-victim"}""", false).SetName("a null sub does not fall back to id");
        yield return new TestCaseData("""{"id":"","userId":"claims-victim"}""", false).SetName("an empty id does not fall back to userId");
        yield return new TestCaseData("""{"sub":1.5,"id":"claims-victim"}""", false).SetName("a fractional sub does not fall back to id");
        yield return new TestCaseData("""{"id":"claims-victim"}""", true).SetName("an absent sub: id is the first present claim");
    }

    [TestCaseSource(nameof(Claims))]
    public async Task The_first_present_claim_decides_on_the_socket(string payload, bool accepted)
    {
        var token = await _kit.Clients.SignAsync(System.Text.Json.JsonDocument.Parse(payload).RootElement, TokiTestServer.JwtSecret, new { expiresIn = "1h" });
        var id = "claims-" + TestContext.CurrentContext.Test.ID;

        var result = await _kit.Clients.ConnectAsync(id, new { auth = new { token } });

        Assert.That(result.GetProperty("type").GetString(), Is.EqualTo(accepted ? "connect" : "connect_error"), result.GetRawText());
        if (!accepted)
        {
            Assert.That(result.GetProperty("message").GetString(), Is.EqualTo("unauthorized"));
        }
        _kit.Clients.Disconnect(id);
    }

    [TestCaseSource(nameof(Claims))]
    public async Task The_first_present_claim_decides_on_the_http_api(string payload, bool accepted)
    {
        var token = await _kit.Clients.SignAsync(System.Text.Json.JsonDocument.Parse(payload).RootElement, TokiTestServer.JwtSecret, new { expiresIn = "1h" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new("Bearer", token);

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(accepted ? HttpStatusCode.OK : HttpStatusCode.Unauthorized));
    }
}
