using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO.Redis.Codec;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// Connection state recovery across servers. The client sits behind a TCP proxy standing for the load balancer; its
/// server is killed with SIGKILL (or its connection cut), events are broadcast to its room meanwhile, and the proxy then
/// sends it to another server, where it must come back as the same socket with exactly the events it missed, each
/// with its stream id as offset.
/// </summary>
public sealed partial class StreamsClusterInteropTests
{
    [Test]
    public Task AClientOfAKilledTokiServerRecoversOnTheOtherTokiServer() => RecoverAfterKillAsync("rk1", A, B);

    [Test]
    public Task AClientOfAKilledTokiServerRecoversOnTheNodeServer() => RecoverAfterKillAsync("rk2", A, N);

    [Test]
    public async Task AClientOfTheNodeServerRecoversOnATokiServerAfterItsConnectionDrops()
    {
        await using var proxy = new TcpProxy(N.Port);
        var (sid, _) = await ConnectBehindAsync("rn-c", proxy, "rn-r");
        await ConnectAsync("rn-src", B, "rn-src-room");
        await ProbeAsync("rn-src", "emit", new { to = new[] { "rn-r" }, @event = "before" });
        await Clients.NextEventArgsAsync("rn-c", "before");

        proxy.PointTo(0);
        proxy.CutAll();
        await Clients.NextRecordAsync("rn-c", "disconnect");
        await EmitMissedAsync("rn-src", "rn-r");
        proxy.PointTo(A.Port);

        await ExpectRecoveredAsync("rn-c", sid, "rn-r");
        Leave("rn-c", "rn-src");
    }

    [Test]
    public async Task AClientOfAKilledNodeServerIsNotRecoveredBecauseNodeSavesSessionsOnlyAtDisconnect()
    {
        await using var proxy = new TcpProxy(N.Port);
        var (sid, _) = await ConnectBehindAsync("rkn-c", proxy, "rkn-r");
        await ConnectAsync("rkn-src", B, "rkn-src-room");
        await ProbeAsync("rkn-src", "emit", new { to = new[] { "rkn-r" }, @event = "before" });
        await Clients.NextEventArgsAsync("rkn-c", "before");

        proxy.PointTo(0);
        await N.KillAsync();
        try
        {
            await Clients.NextRecordAsync("rkn-c", "disconnect");
            proxy.PointTo(B.Port);
            var connect = await Clients.NextRecordAsync("rkn-c", "connect", TimeSpan.FromSeconds(15));
            Assert.That(connect.GetProperty("recovered").GetBoolean(), Is.False);
            Assert.That(connect.GetProperty("sid").GetString(), Is.Not.EqualTo(sid));
        }
        finally
        {
            await N.StartAsync();
        }
        Leave("rkn-c", "rkn-src");
    }

    [Test]
    public async Task EveryRecipientOfABroadcastGetsTheSameStreamOffset()
    {
        string[] ids = ["off-a", "off-b", "off-n"];
        await ConnectAsync("off-a", A, "off-r");
        await ConnectAsync("off-b", B, "off-r");
        await ConnectAsync("off-n", N, "off-r");
        foreach (var origin in ids)
        {
            await ProbeAsync(origin, "emit", new { to = new[] { "off-r" }, @event = $"stamped-{origin}" });
        }
        await FenceAsync("off-a", "off-r", ids);

        foreach (var origin in ids)
        {
            var offsets = ids.SelectMany(id => Offsets(id, $"stamped-{origin}")).ToArray();
            Assert.That(offsets, Has.Length.EqualTo(3).And.All.Not.Null, origin);
            Assert.That(offsets.Distinct().Count(), Is.EqualTo(1), $"{origin}: {string.Join(",", offsets)}");
        }
        Leave(ids);
    }

    private async Task RecoverAfterKillAsync(string prefix, ClusterMember victim, ClusterMember rescuer)
    {
        await using var proxy = new TcpProxy(victim.Port);
        var room = $"{prefix}-r";
        var (sid, pid) = await ConnectBehindAsync($"{prefix}-c", proxy, room);
        var source = $"{prefix}-src";
        await ConnectAsync(source, Members.First(m => m != victim && m != rescuer), $"{prefix}-src-room");
        await ProbeAsync(source, "emit", new { to = new[] { room }, @event = "before" });
        await Clients.NextEventArgsAsync($"{prefix}-c", "before");
        await WaitForSavedSessionAsync(pid, room);

        proxy.PointTo(0);
        await victim.KillAsync();
        try
        {
            await Clients.NextRecordAsync($"{prefix}-c", "disconnect");
            await EmitMissedAsync(source, room);
            proxy.PointTo(rescuer.Port);
            await ExpectRecoveredAsync($"{prefix}-c", sid, room);
        }
        finally
        {
            await victim.StartAsync();
        }
        Leave($"{prefix}-c", source);
    }

    private async Task<(string Sid, string Pid)> ConnectBehindAsync(string id, TcpProxy proxy, string room)
    {
        Clients.ServerUrl = proxy.BaseUrl;
        var connect = await Clients.ConnectAsync(id, new { transports = new[] { "websocket" } });
        Assert.That(connect.GetProperty("type").GetString(), Is.EqualTo("connect"), connect.ToString());
        await Clients.EmitAsync(id, "join", [new[] { room }]);
        return (connect.GetProperty("sid").GetString()!, connect.GetProperty("pid").GetString()!);
    }

    /// <summary>Three events from a source, then one from another server, to the room while the client is away.</summary>
    private async Task EmitMissedAsync(string source, string room)
    {
        await ProbeAsync(source, "emit", new { to = new[] { room }, @event = "missed" }, 1);
        await ProbeAsync(source, "emit", new { to = new[] { room }, @event = "missed" }, 2, Binary("beef"));
        await ProbeAsync(source, "emit", new { to = new[] { room }, except = new[] { room }, @event = "missed" }, "never");
        await ProbeAsync(source, "emit", new { to = new[] { room }, @event = "missed" }, 3);
    }

    private async Task ExpectRecoveredAsync(string id, string sid, string room)
    {
        var connect = await Clients.NextRecordAsync(id, "connect", TimeSpan.FromSeconds(15));
        Assert.That(connect.GetProperty("recovered").GetBoolean(), Is.True, connect.ToString());
        Assert.That(connect.GetProperty("sid").GetString(), Is.EqualTo(sid));
        var missed = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add(await Clients.NextEventArgsAsync(id, "missed", TimeSpan.FromSeconds(5)));
        }
        Assert.That(missed.Select(m => StripLast(m)), Is.EqualTo(new[] { "[1]", """[2,{"$binary":"vu8=","$type":"Buffer"}]""", "[3]" }));
        var offsets = missed.Select(m => m[m.GetArrayLength() - 1].GetString()!).ToArray();
        Assert.That(offsets, Has.All.Match("^[0-9]+-[0-9]+$"));
        Assert.That(offsets, Is.Ordered.Using<string>(CompareStreamIds));
        var whoami = await ProbeAsync(id, "whoami");
        Assert.That(whoami.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()), Does.Contain(room));
        await FenceAsync(id, room, id);
        Assert.That(Clients.Count(id, "missed"), Is.EqualTo(3), "each missed event exactly once");
    }

    /// <summary>Waits until the session a Toki server saved proactively holds the room (it is written a moment after the join).</summary>
    private async Task WaitForSavedSessionAsync(string pid, string room)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (await Redis.GetAsync("sio:session:" + pid) is { } stored)
            {
                using var session = JsonDocument.Parse(MsgPackJson.Decode(Convert.FromBase64String(stored)).Json);
                if (session.RootElement.GetProperty("rooms").EnumerateArray().Any(r => r.GetString() == room))
                {
                    return;
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
        Assert.Fail($"no saved session with room {room} for {pid}");
    }

    private static string StripLast(JsonElement args) =>
        JsonSerializer.Serialize(args.EnumerateArray().Take(args.GetArrayLength() - 1));

    private static int CompareStreamIds(string x, string y)
    {
        var (xm, xs) = Split(x);
        var (ym, ys) = Split(y);
        return xm != ym ? xm.CompareTo(ym) : xs.CompareTo(ys);

        static (long, long) Split(string id) => (long.Parse(id[..id.IndexOf('-')]), long.Parse(id[(id.IndexOf('-') + 1)..]));
    }
}
