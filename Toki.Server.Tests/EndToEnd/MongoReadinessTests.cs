using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using NUnit.Framework;
using Toki.Calls.Ports;
using Toki.Server.Http;
using Toki.Server.Storage.Mongo;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.Storage.Mongo;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>/readyz on the MongoDB store: not ready while MongoDB cannot be reached, ready again by itself once it can.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Mongo)]
public sealed class MongoReadinessTests
{
    private static async Task<(HttpStatusCode Status, string? Body)> ReadyzAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    /// <summary>
    /// The store on a closed local port (connection refused), with a server selection timeout of a minute: /readyz
    /// answers at the ping timeout, not when the driver gives up.
    /// </summary>
    [Test]
    public async Task Readyz_answers_unavailable_at_the_ping_timeout_while_mongodb_is_unreachable()
    {
        var port = TcpRelay.FreeLoopbackPort();
        using var store = MongoCallStore.Open(new MongoStoreOptions
        {
            Uri = $"mongodb://127.0.0.1:{port}/toki?serverSelectionTimeoutMS=60000&connectTimeoutMS=500",
            PingTimeout = TimeSpan.FromMilliseconds(500),
        }, TimeProvider.System, loggerFactory: null);
        await using var host = await KestrelTestHost.StartAsync(app => app.MapHealthEndpoints(),
            builder => builder.Services.AddSingleton<ICallStore>(store));
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        var first = await ReadyzAsync(http).DefaultTimeout();
        var second = await ReadyzAsync(http).DefaultTimeout();
        using var health = await http.GetAsync("/healthz");

        Assert.That((first, second), Is.EqualTo(((HttpStatusCode.ServiceUnavailable, "unavailable"), (HttpStatusCode.ServiceUnavailable, "unavailable"))));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "alive, only not ready");
    }

    /// <summary>The whole server on MongoDB through a relay that is cut, then restored: /readyz follows without a restart.</summary>
    [Test]
    public async Task Readyz_follows_mongodb_going_away_and_recovers_by_itself()
    {
        var mongo = await MongoTestServer.RequireAsync("Readiness recovery on MongoDB");
        var upstream = MongoUrl.Create(mongo.Uri!).Server;
        await using var relay = new TcpRelay(new DnsEndPoint(upstream.Host, upstream.Port));
        relay.Start();
        var uri = new MongoUrlBuilder(mongo.Uri!) { Server = new MongoServerAddress("127.0.0.1", relay.Port), DirectConnection = true, ReplicaSetName = null };
        uri.ServerSelectionTimeout = TimeSpan.FromSeconds(5);
        var database = MongoTestDatabase.NewName("readyz");
        try
        {
            await using var server = await TokiTestServer.StartAsync(new Dictionary<string, string?>
            {
                ["Storage:MongoDB:Uri"] = uri.ToString(),
                ["Storage:MongoDB:Database"] = database,
                ["Storage:MongoDB:PingTimeout"] = "00:00:01",
            });
            using var http = new HttpClient { BaseAddress = server.BaseUrl };

            var whileUp = await ReadyzAsync(http);
            relay.Stop();
            var whileCut = await UntilAsync(http, HttpStatusCode.ServiceUnavailable);
            relay.Start();
            var afterwards = await UntilAsync(http, HttpStatusCode.OK);

            Assert.That(server.Store, Is.TypeOf<MongoCallStore>());
            Assert.That(whileUp, Is.EqualTo((HttpStatusCode.OK, "ready")));
            Assert.That(whileCut, Is.EqualTo((HttpStatusCode.ServiceUnavailable, "unavailable")));
            Assert.That(afterwards, Is.EqualTo((HttpStatusCode.OK, "ready")));
        }
        finally
        {
            await mongo.Client!.DropDatabaseAsync(database);
        }
    }

    /// <summary>Polls /readyz (the driver's monitor notices the change on its own schedule) for up to 30 s.</summary>
    private static async Task<(HttpStatusCode Status, string? Body)> UntilAsync(HttpClient http, HttpStatusCode wanted)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var answer = await ReadyzAsync(http);
            if (answer.Status == wanted || TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
            {
                return answer;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }
    }
}
