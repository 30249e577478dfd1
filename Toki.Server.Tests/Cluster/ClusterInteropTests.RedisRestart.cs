using NUnit.Framework;

namespace Toki.Server.Tests.Cluster;

/// <summary>
/// Redis failures: Redis restarting empty (it keeps nothing on disk here) under the whole cluster, and one server cut
/// off from Redis while the others go on. The cluster must resume by itself; what is lost is checked.
/// </summary>
public abstract partial class ClusterInteropTests
{
    /// <summary>Whether a server cut off from Redis gets, once back, what the others broadcast meanwhile (streams: it reads on from its last stream id).</summary>
    protected abstract bool CatchesUpAfterBeingCutOff { get; }

    [Test]
    public async Task TheClusterResumesAfterRedisRestarts()
    {
        string[] ids = ["rr-a", "rr-b", "rr-n"];
        await ConnectAsync("rr-a", A, "rr-r");
        await ConnectAsync("rr-b", B, "rr-r");
        await ConnectAsync("rr-n", N, "rr-r");
        await FenceAsync("rr-a", "rr-r", ids);

        await Redis.StopAsync();
        // Without an acknowledgement: a server cannot confirm a broadcast while Redis is away.
        Clients.Emit("rr-a", "emit", new { to = new[] { "rr-r" }, @event = "during-outage" });
        await Clients.NextEventArgsAsync("rr-a", "during-outage", TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
        await Redis.StartAgainAsync();

        await WaitUntilResumedAsync(ids, "rr-r");
        foreach (var id in ids)
        {
            Assert.That((await ProbeAsync(id, "server-count")).GetProperty("count").GetInt32(), Is.EqualTo(3), id);
        }
        Assert.That(Clients.Count("rr-a", "during-outage"), Is.EqualTo(1), "the broadcasting server's own client gets it");
        Assert.That(Clients.Count("rr-b", "during-outage") + Clients.Count("rr-n", "during-outage"), Is.Zero,
            "a broadcast Redis never took (its command timed out) does not reach the other servers later");
        Leave(ids);
    }

    [Test]
    public async Task AServerCutOffFromRedisRejoins()
    {
        string[] ids = ["cut-a", "cut-b", "cut-n"];
        await ConnectAsync("cut-a", A, "cut-r");
        await ConnectAsync("cut-b", B, "cut-r");
        await ConnectAsync("cut-n", N, "cut-r");
        await FenceAsync("cut-a", "cut-r", ids);

        RedisProxyB.PointTo(0);
        RedisProxyB.CutAll();
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        await ProbeAsync("cut-a", "emit", new { to = new[] { "cut-r" }, @event = "while-b-was-cut-off" });
        await ProbeAsync("cut-n", "emit", new { to = new[] { "cut-r" }, @event = "while-b-was-cut-off" });
        await Clients.NextEventArgsAsync("cut-n", "while-b-was-cut-off");
        RedisProxyB.PointTo(Redis.Port);

        await WaitUntilResumedAsync(ids, "cut-r");
        await FenceAsync("cut-a", "cut-r", ids);
        Assert.That(Clients.Count("cut-a", "while-b-was-cut-off"), Is.EqualTo(2));
        Assert.That(Clients.Count("cut-b", "while-b-was-cut-off"), Is.EqualTo(CatchesUpAfterBeingCutOff ? 2 : 0),
            CatchesUpAfterBeingCutOff ? "B reads the stream on from where it was" : "pub/sub does not keep what B's subscription missed");
        Leave(ids);
    }

    /// <summary>Broadcasts from every server until each one reaches every client of the room, or fails after 30 s.</summary>
    private async Task WaitUntilResumedAsync(string[] ids, string room)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        for (var attempt = 0; ; attempt++)
        {
            var eventName = $"resumed-{room}-{attempt}";
            foreach (var origin in ids)
            {
                Clients.Emit(origin, "emit", new { to = new[] { room }, @event = eventName }, origin);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
            if (ids.All(id => Received(id, eventName).Count == ids.Length))
            {
                return;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"the cluster did not resume within 30 s: {string.Join(", ", ids.Select(id => $"{id} got {Received(id, eventName).Count}"))}");
            }
        }
    }
}
