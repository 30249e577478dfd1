using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// Long-polling clients through Debian's haproxy running deploy/haproxy.cfg in front of two Toki servers: the io
/// cookie keeps each session on its server, so clients on both servers connect, talk and hear each other. Without the
/// cookie line the same clients fail, which shows the test depends on it.
/// </summary>
[TestFixture]
[Category(TestCategories.Cluster)]
public sealed class StickySessionTests
{
    private const int ClientCount = 8;
    private RedisServer _redis = null!;
    private ClusterMember _a = null!;
    private ClusterMember _b = null!;
    private NodeClients _clients = null!;

    private static string Configuration => Path.Combine(RepositoryPaths.Root, "deploy", "haproxy.cfg");

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        _redis = await RedisServer.StartAsync();
        _a = new ClusterMember("A", isNode: false, _redis.Configuration, "streams");
        _b = new ClusterMember("B", isNode: false, _redis.Configuration, "streams");
        await Task.WhenAll(_a.StartAsync(), _b.StartAsync());
        _clients = await NodeClients.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        foreach (var disposable in new IAsyncDisposable?[] { _clients, _a, _b, _redis })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task PollingClientsStayOnTheirServerAndReachEachOther()
    {
        await using var haproxy = await HaproxyProcess.StartAsync(Configuration, Backends());
        _clients.ServerUrl = haproxy.BaseUrl;
        var ids = Enumerable.Range(0, ClientCount).Select(i => $"sticky-{i}").ToArray();
        var nodes = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            var connect = await _clients.ConnectAsync(id, PollingOnly);
            Assert.That(connect.GetProperty("type").GetString(), Is.EqualTo("connect"), connect.ToString());
            Assert.That(connect.GetProperty("transport").GetString(), Is.EqualTo("polling"));
            await _clients.EmitAsync(id, "join", [new[] { "sticky" }]);
            nodes[id] = (await _clients.EmitAsync(id, "whoami")).GetProperty("node").GetString()!;
        }
        Assert.That(nodes.Values.Distinct().Order(), Is.EqualTo(new[] { "A", "B" }), "round robin puts clients on both servers");

        // Many requests per session: every one must reach the session's server.
        for (var round = 0; round < 3; round++)
        {
            foreach (var id in ids)
            {
                Assert.That((await _clients.EmitAsync(id, "whoami")).GetProperty("node").GetString(), Is.EqualTo(nodes[id]), $"{id} round {round}");
            }
        }
        await _clients.EmitAsync(ids[0], "emit", new { to = new[] { "sticky" }, @event = "hello" }, 1);
        foreach (var id in ids)
        {
            await _clients.NextEventArgsAsync(id, "hello");
        }
        Assert.That(ids.Where(id => _clients.Records.Any(r => r.GetProperty("type").GetString() == "disconnect" && r.GetProperty("id").GetString() == id)),
            Is.Empty, "no session was lost");
        foreach (var id in ids)
        {
            _clients.Disconnect(id);
        }
    }

    [Test]
    public async Task WithoutTheCookieLongPollingBreaks()
    {
        var unsticky = Path.Combine(Path.GetTempPath(), $"toki-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllLinesAsync(unsticky, (await File.ReadAllLinesAsync(Configuration)).Where(line => !line.TrimStart().StartsWith("cookie ", StringComparison.Ordinal)));
        try
        {
            await using var haproxy = await HaproxyProcess.StartAsync(unsticky, Backends());
            _clients.ServerUrl = haproxy.BaseUrl;
            var failures = 0;
            for (var i = 0; i < 4; i++)
            {
                var id = $"unsticky-{i}";
                var connect = await _clients.ConnectAsync(id, PollingOnly);
                if (connect.GetProperty("type").GetString() != "connect")
                {
                    failures++;
                }
                else
                {
                    try
                    {
                        await _clients.NextRecordAsync(id, "disconnect", TimeSpan.FromSeconds(3));
                        failures++;
                    }
                    catch (TimeoutException)
                    {
                    }
                }
                _clients.Disconnect(id);
            }
            Assert.That(failures, Is.GreaterThan(0), "round robin without stickiness sends a session's requests to the wrong server");
        }
        finally
        {
            File.Delete(unsticky);
        }
    }

    private static object PollingOnly => new { transports = new[] { "polling" }, withCredentials = true, reconnection = false };

    private Dictionary<string, string> Backends() => new()
    {
        ["TOKI_A"] = $"127.0.0.1:{_a.Port}",
        ["TOKI_B"] = $"127.0.0.1:{_b.Port}",
    };
}
