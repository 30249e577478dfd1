using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// Connection state recovery across two Toki.Servers on Redis streams is authenticated as on one server: a client that
/// presents a session saved by the other server is recovered only with a token of the session's own user. Another
/// user's token gets a fresh socket, an invalid one CONNECT_ERROR, and either way the session goes back into Redis, so
/// its own user still recovers it afterwards, with the events it missed.
/// </summary>
[TestFixture]
[Category(TestCategories.Cluster)]
public sealed class ClusteredRecoveryAuthTests
{
    private const string AdminKey = "cluster-admin-key";

    [Test]
    public async Task ASessionSavedByAnotherServerIsRestoredOnlyForItsOwnUser()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Redis"] = redis.Configuration,
            ["Cluster:Mode"] = "streams",
            ["Admin:ApiKey"] = AdminKey,
        };
        await using var one = await TokiTestServer.StartAsync(settings);
        await using var two = await TokiTestServer.StartAsync(settings);
        await using var clients = await NodeClients.StartAsync();
        await using var proxy = new TcpProxy(one.BaseUrl.Port);
        using var admin = new HttpClient { BaseAddress = one.BaseUrl };
        admin.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        Assert.That((await admin.PostAsync("/api/admin/users", JsonContent.Create(new { id = "carol", name = "Carol", coins = 10 }))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        var carolToken = await clients.SignAsync(new { sub = "carol" }, TokiTestServer.JwtSecret);
        var daveToken = await clients.SignAsync(new { sub = "dave" }, TokiTestServer.JwtSecret);

        // Carol on server one, behind the proxy that stands for the load balancer.
        clients.ServerUrl = proxy.BaseUrl;
        var connect = await clients.ConnectAsync("carol", new { auth = new { token = carolToken }, transports = new[] { "websocket" } });
        Assert.That(connect.GetProperty("type").GetString(), Is.EqualTo("connect"), connect.ToString());
        var sid = connect.GetProperty("sid").GetString()!;
        var pid = connect.GetProperty("pid").GetString()!;
        var state = await clients.NextEventArgsAsync("carol", "call:state");
        var offset = state[state.GetArrayLength() - 1].GetString()!;
        var key = "sio:session:" + pid;
        await WaitForAsync(async () => await redis.GetAsync(key) is not null, $"carol's session saved as {key}");

        // Her connection drops; a wallet update reaches her room meanwhile.
        proxy.PointTo(0);
        proxy.CutAll();
        await clients.NextRecordAsync("carol", "disconnect");
        Assert.That((await admin.PutAsync("/api/admin/users/carol/coins", JsonContent.Create(new { coins = 25 }))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // On server two, dave presents carol's session with his own valid token: a socket of his own, not hers.
        clients.ServerUrl = two.BaseUrl;
        var dave = await clients.ConnectAsync("dave", new { auth = new { token = daveToken, pid, offset }, transports = new[] { "websocket" } });
        Assert.That(dave.GetProperty("type").GetString(), Is.EqualTo("connect"), dave.ToString());
        Assert.That(dave.GetProperty("sid").GetString(), Is.Not.EqualTo(sid));
        Assert.That(dave.GetProperty("pid").GetString(), Is.Not.EqualTo(pid));
        await clients.NextEventAsync("dave", "call:state");
        await WaitForAsync(async () => await redis.GetAsync(key) is not null, "carol's session back in Redis after dave's try");

        // Someone with no valid token is refused, and the session goes back again.
        var stranger = await clients.ConnectAsync("stranger", new { auth = new { token = "not-a-token", pid, offset }, transports = new[] { "websocket" } });
        Assert.That(stranger.GetProperty("type").GetString(), Is.EqualTo("connect_error"), stranger.ToString());
        Assert.That(stranger.GetProperty("message").GetString(), Is.EqualTo("unauthorized"));
        await WaitForAsync(async () => await redis.GetAsync(key) is not null, "carol's session back in Redis after the refusal");

        // Carol herself, sent to server two, gets her session back with the update she missed, and nobody else got it.
        proxy.PointTo(two.BaseUrl.Port);
        var back = await clients.NextRecordAsync("carol", "connect", TimeSpan.FromSeconds(15));
        Assert.That(back.GetProperty("recovered").GetBoolean(), Is.True, back.ToString());
        Assert.That(back.GetProperty("sid").GetString(), Is.EqualTo(sid));
        var wallet = await clients.NextEventAsync("carol", "wallet:updated", TimeSpan.FromSeconds(5));
        Assert.That(wallet.GetProperty("coins").GetInt64(), Is.EqualTo(25));
        Assert.That(clients.Count("dave", "wallet:updated"), Is.Zero);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
        Assert.Fail($"timed out waiting for {what}");
    }
}
