using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Toki.Server.Hosting.Transport;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hosting.Transport;

/// <summary><c>Server:Transport</c> on the whole server: Kestrel binds with the transport it names, and the server answers.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
public sealed class ServerTransportSettingTests
{
    [TestCase(null, true, TestName = "default: Toki's transport")]
    [TestCase("Toki", true, TestName = "Toki")]
    [TestCase("Kestrel", false, TestName = "Kestrel")]
    public async Task KestrelBindsWithTheTransportTheSettingNames(string? setting, bool toki)
    {
        var settings = new Dictionary<string, string?>();
        if (setting is not null)
        {
            settings["Server:Transport"] = setting;
        }
        await using var server = await TokiTestServer.StartAsync(settings);
        using var client = new HttpClient { BaseAddress = server.BaseUrl };

        using var health = await client.GetAsync("/healthz").DefaultTimeout();

        // Kestrel tries the factory registered last first.
        var chosen = server.Services.GetServices<IConnectionListenerFactory>().Last();
        Assert.That(chosen is TokiSocketTransportFactory, Is.EqualTo(toki));
        Assert.That((int)health.StatusCode, Is.EqualTo(200));
    }
}
