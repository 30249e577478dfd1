using System.Text.RegularExpressions;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// CONNECT payloads with text .NET cannot decode (lone UTF-16 surrogate escapes in the pid, the token or a property
/// name of <c>auth</c>): each gets an answer (a fresh socket, or <c>unauthorized</c>) and nothing is logged at error level.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Functional)]
internal sealed partial class SecurityConnectTextTests
{
    private const string User = "connect-text-user";
    private TokiTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await TokiTestServer.StartAsync();
        await _server.SeedUserAsync(User, User, 10);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Assert.That(_server.Logs.Where(line => ErrorLine().IsMatch(line)), Is.Empty, "no CONNECT logged an error");
        await _server.DisposeAsync();
    }

    public static IEnumerable<TestCaseData> Auths()
    {
        yield return new TestCaseData("""{"pid":"\ud800","offset":"1","token":"$TOKEN"}""", "40{").SetName("a lone surrogate as pid: a fresh socket");
        yield return new TestCaseData("""{"token":"$TOKEN","pid":"x\udc00"}""", "40{").SetName("a lone surrogate as pid after the token: a fresh socket");
        yield return new TestCaseData("""{"token":"\ud800"}""", """44{"message":"unauthorized"}""").SetName("a lone surrogate as token: unauthorized");
        yield return new TestCaseData("""{"token":"$TOKEN","\ud800":1}""", """44{"message":"unauthorized"}""").SetName("a lone surrogate in a name of auth: unauthorized");
        yield return new TestCaseData("""{"userId":"\ud800"}""", """44{"message":"unauthorized"}""").SetName("a lone surrogate as a bare userId: unauthorized");
    }

    [TestCaseSource(nameof(Auths))]
    public async Task Every_connect_is_answered(string auth, string answer)
    {
        await using var client = await CallWireClient.ConnectAsync(_server.BaseUrl, auth.Replace("$TOKEN", CallHostileServer.Token(User), StringComparison.Ordinal));

        Assert.That(client.ConnectAnswer, Does.StartWith(answer));
    }

    [GeneratedRegex(@"^\S+ (Error|Critical)\s")]
    private static partial Regex ErrorLine();
}
