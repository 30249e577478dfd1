using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Http;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// <c>GET /api/calls?limit=</c> as protocol.md §12 words it: absent is 20, a positive decimal integer is clamped to 100
/// however large (also past Int32 and Int64), anything else is 400. The parse is a pure function (table) and the
/// endpoint answers accordingly (a real server).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class CallHistoryLimitTests
{
    private const string User = "limit-user";
    private CallKit _kit = null!;
    private HttpClient _http = null!;

    public static IEnumerable<TestCaseData> Limits()
    {
        yield return new TestCaseData(null, (int?)20).SetName("absent -> 20");
        yield return new TestCaseData("1", (int?)1).SetName("1 -> 1");
        yield return new TestCaseData("100", (int?)100).SetName("100 -> 100");
        yield return new TestCaseData("101", (int?)100).SetName("101 -> 100");
        yield return new TestCaseData("007", (int?)7).SetName("leading zeros -> 7");
        yield return new TestCaseData("2147483647", (int?)100).SetName("Int32 max -> 100");
        yield return new TestCaseData("2147483648", (int?)100).SetName("Int32 max + 1 -> 100");
        yield return new TestCaseData("9223372036854775808", (int?)100).SetName("past Int64 -> 100");
        yield return new TestCaseData(new string('9', 400), (int?)100).SetName("400 digits -> 100");
        yield return new TestCaseData("0", null).SetName("0 -> 400");
        yield return new TestCaseData("000", null).SetName("000 -> 400");
        yield return new TestCaseData("-1", null).SetName("negative -> 400");
        yield return new TestCaseData("-2147483649", null).SetName("very negative -> 400");
        yield return new TestCaseData("+5", null).SetName("a sign -> 400");
        yield return new TestCaseData("5.0", null).SetName("a fraction -> 400");
        yield return new TestCaseData("1e3", null).SetName("an exponent -> 400");
        yield return new TestCaseData(" 5", null).SetName("a space -> 400");
        yield return new TestCaseData("abc", null).SetName("letters -> 400");
        yield return new TestCaseData("", null).SetName("empty -> 400");
        yield return new TestCaseData("٣", null).SetName("a non-ASCII digit -> 400");
    }

    [TestCaseSource(nameof(Limits))]
    public void The_page_size_parse(string? limit, int? expected) => Assert.That(ApiEndpoints.PageSize(limit), Is.EqualTo(expected));

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kit = await CallKit.StartAsync();
        await _kit.Server.SeedUserAsync(User, User, 1000);
        _http = new HttpClient { BaseAddress = _kit.Server.BaseUrl };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _kit.DisposeAsync();
    }

    [TestCase("2147483648", HttpStatusCode.OK)]
    [TestCase("99999999999999999999999", HttpStatusCode.OK)]
    [TestCase("100", HttpStatusCode.OK)]
    [TestCase("0", HttpStatusCode.BadRequest)]
    [TestCase("-5", HttpStatusCode.BadRequest)]
    [TestCase("ten", HttpStatusCode.BadRequest)]
    public async Task The_endpoint_clamps_or_refuses(string limit, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/calls?limit={Uri.EscapeDataString(limit)}");
        request.Headers.Authorization = new("Bearer", await _kit.Clients.SignAsync(new { sub = User }, TokiTestServer.JwtSecret, new { expiresIn = "1h" }));

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.TryGetProperty(expected == HttpStatusCode.OK ? "calls" : "error", out _), Is.True);
    }
}
