using Microsoft.Extensions.Options;
using NUnit.Framework;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// <c>Auth:AllowInsecureUserId</c> is an allow-list of one environment (protocol.md §1): the whole server refuses to
/// start with it anywhere but Development, including Staging, a custom name and an empty environment name.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class SecurityConfigurationTests
{
    private static readonly Dictionary<string, string?> Insecure = new() { ["Auth:AllowInsecureUserId"] = "true" };

    [TestCase("Production")]
    [TestCase("Staging")]
    [TestCase("Testing")]
    [TestCase("")]
    public void The_server_refuses_to_start_with_insecure_user_ids_outside_Development(string environment)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => TokiTestServer.StartAsync(Insecure, environment: environment));

        Assert.That(failure!.Failures, Has.Some.StartsWith("Auth:AllowInsecureUserId is allowed only in the Development environment"));
    }

    [Test]
    public async Task In_Development_a_bare_user_id_connects_with_a_warning()
    {
        await using var kit = await CallKit.StartAsync(Insecure, environment: "Development");
        await kit.Server.SeedUserAsync("dev-only", "Dev", 10);

        var connected = await kit.Clients.ConnectAsync("dev-only", new { auth = new { userId = "dev-only" } });

        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"), connected.GetRawText());
        Assert.That(kit.Server.Logs, Has.Some.Contains("WITHOUT a token"));
    }
}
