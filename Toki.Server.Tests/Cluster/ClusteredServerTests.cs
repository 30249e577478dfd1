using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// Toki.Server itself with <c>Cluster:Redis</c> set: two servers on one Redis see each other, report the cluster in
/// /healthz, and a notification sent to a user's room on one reaches the user's socket on the other.
/// </summary>
[TestFixture]
[Category(TestCategories.Cluster)]
public sealed class ClusteredServerTests
{
    private const string AdminKey = "cluster-admin-key";

    [TestCase("streams")]
    [TestCase("classic")]
    public async Task AUsersNotificationReachesTheSocketOnTheOtherServer(string mode)
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:Mode"] = mode,
            ["Admin:ApiKey"] = AdminKey,
        };
        await using var one = await TokiTestServer.StartAsync(settings);
        await using var two = await TokiTestServer.StartAsync(settings);
        await using var clients = await NodeClients.StartAsync();
        using var http = new HttpClient { BaseAddress = one.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);

        foreach (var server in new[] { one, two })
        {
            var health = JsonDocument.Parse(await new HttpClient { BaseAddress = server.BaseUrl }.GetStringAsync("/healthz")).RootElement;
            Assert.That(health.GetProperty("cluster").GetRawText(), Is.EqualTo($$"""{"mode":"{{mode}}","redis":"connected"}"""));
            Assert.That(await server.Services.GetRequiredService<SocketIOServer>().Sockets.ServerCountAsync(), Is.EqualTo(2));
        }
        Assert.That((await http.PostAsync("/api/admin/users", JsonContent.Create(new { id = "carol", name = "Carol", coins = 10 }))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        var token = await clients.SignAsync(new { sub = "carol" }, TokiTestServer.JwtSecret);
        clients.ServerUrl = two.BaseUrl;
        var connect = await clients.ConnectAsync("carol", new { auth = new { token }, transports = new[] { "websocket" } });
        Assert.That(connect.GetProperty("type").GetString(), Is.EqualTo("connect"), connect.ToString());
        await clients.NextEventAsync("carol", "call:state");

        var set = await http.PutAsync("/api/admin/users/carol/coins", JsonContent.Create(new { coins = 25 }));

        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var wallet = await clients.NextEventAsync("carol", "wallet:updated");
        Assert.That(wallet.GetProperty("coins").GetInt64(), Is.EqualTo(25));
    }

    [Test]
    public void AnUnknownClusterModeStopsTheServerAtStartup()
    {
        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
            await TokiTestServer.StartAsync(new Dictionary<string, string?> { ["Cluster:Redis"] = "127.0.0.1:1", ["Cluster:Mode"] = "sharded" }));
        Assert.That(failure!.Message, Does.Contain("Cluster:Mode 'sharded' is neither 'streams' nor 'classic'."));
    }
}
