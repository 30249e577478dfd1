using System.Text.Json;
using NUnit.Framework;

namespace Toki.Server.Tests.Cluster;

/// <summary>fetchSockets, socketsJoin/Leave, disconnectSockets, acknowledgements and server-side emits across the mixed cluster.</summary>
public abstract partial class ClusterInteropTests
{
    [Test]
    public async Task FetchSocketsAgreesOnEveryMember()
    {
        var a = await ConnectAsync("fs-a", A, "fs-r");
        var b = await ConnectAsync("fs-b", B, "fs-r", "fs-x");
        var n = await ConnectAsync("fs-n", N, "fs-r");
        await ProbeAsync("fs-b", "set-data", new { user = "bob", n = 2 });

        string? first = null;
        foreach (var origin in new[] { "fs-a", "fs-b", "fs-n" })
        {
            var all = await ProbeAsync(origin, "fetch", new { @in = new[] { "fs-r" } });
            var some = await ProbeAsync(origin, "fetch", new { @in = new[] { "fs-r" }, except = new[] { "fs-x" } });
            var sockets = all.GetProperty("sockets");
            Assert.That(sockets.EnumerateArray().Select(s => s.GetProperty("id").GetString()), Is.EquivalentTo(new[] { a, b, n }), origin);
            // Node's sharded adapter treats a 20-character room as a socket id; Toki's ids have Node's length.
            Assert.That(new[] { a, b, n }, Has.All.Length.EqualTo(20), origin);
            Assert.That(some.GetProperty("sockets").EnumerateArray().Select(s => s.GetProperty("id").GetString()), Is.EquivalentTo(new[] { a, n }), origin);
            var bob = sockets.EnumerateArray().Single(s => s.GetProperty("id").GetString() == b);
            Assert.That(bob.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { b, "fs-r", "fs-x" }), origin);
            Assert.That(bob.GetProperty("data").GetRawText(), Is.EqualTo("""{"user":"bob","n":2}"""), origin);
            Assert.That(bob.GetProperty("address").GetString(), Does.Contain("127.0.0.1"), origin);
            // Every member describes every socket the same way, whoever asks.
            var described = string.Join("|", sockets.EnumerateArray().Select(s => $"{s.GetProperty("id")}:{s.GetProperty("rooms")}:{s.GetProperty("data")}")
                .Order(StringComparer.Ordinal));
            first ??= described;
            Assert.That(described, Is.EqualTo(first), origin);
        }
        Leave("fs-a", "fs-b", "fs-n");
    }

    [Test]
    public async Task JoinsLeavesAndDisconnectsReachEveryMember()
    {
        string[] ids = ["jl-a", "jl-b", "jl-n"];
        await ConnectAsync("jl-a", A, "jl-r");
        await ConnectAsync("jl-b", B, "jl-r");
        await ConnectAsync("jl-n", N, "jl-r");
        foreach (var origin in ids)
        {
            var room = $"joined-by-{origin}";
            await ProbeAsync(origin, "sockets-join", new { @in = new[] { "jl-r" }, rooms = new[] { room } });
            await FenceAsync(origin, "jl-r", ids);
            await ProbeAsync(origin, "emit", new { to = new[] { room }, @event = "to-joined" }, room);
            await ProbeAsync(origin, "sockets-leave", new { @in = new[] { "jl-r" }, except = new[] { "jl-n-keep" }, rooms = new[] { room } });
            await FenceAsync(origin, "jl-r", ids);
            await ProbeAsync(origin, "emit", new { to = new[] { room }, @event = "to-left" }, room);
        }
        await FenceAsync("jl-a", "jl-r", ids);
        foreach (var id in ids)
        {
            Assert.That(Received(id, "to-joined"), Is.EquivalentTo(ids.Select(o => $"[\"joined-by-{o}\"]")), id);
            Assert.That(Received(id, "to-left"), Is.Empty, id);
        }

        foreach (var (origin, victim, member) in new[] { ("jl-a", "dc-n", N), ("jl-n", "dc-b", B), ("jl-b", "dc-a", A) })
        {
            await ConnectAsync(victim, member, "jl-doomed");
            await ProbeAsync(origin, "disconnect-sockets", new { @in = new[] { "jl-doomed" } });
            var record = await Clients.NextRecordAsync(victim, "disconnect");
            Assert.That(record.GetProperty("reason").GetString(), Is.EqualTo("io server disconnect"), $"{victim} by {origin}");
        }
        Leave(ids);
    }

    [Test]
    public async Task AcknowledgementsCrossServers()
    {
        string[] ids = ["ack-a", "ack-b", "ack-n"];
        foreach (var (id, member) in new[] { ("ack-a", A), ("ack-b", B), ("ack-n", N) })
        {
            await ConnectAsync(id, member, "ack-r");
            Clients.Answer(id, new { from = id });
        }
        foreach (var origin in ids)
        {
            var answer = await ProbeAsync(origin, "emit-with-ack", new { to = new[] { "ack-r" }, @event = "question", timeout = 3000 }, origin);
            Assert.That(answer.TryGetProperty("error", out var error) ? error.GetString() : null, Is.Null, origin);
            Assert.That(answer.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("from").GetString()), Is.EquivalentTo(ids), origin);

            var asked = await ProbeAsync(origin, "server-side-emit", new { @event = "ask", ack = true }, new { q = origin });
            Assert.That(asked.TryGetProperty("error", out var askError) ? askError.GetString() : null, Is.Null, origin);
            var others = Members.Select(m => m.Name).Where(name => name != origin[^1..].ToUpperInvariant()).ToArray();
            Assert.That(asked.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("node").GetString()), Is.EquivalentTo(others), origin);
            Assert.That(asked.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("got").GetProperty("q").GetString()).Distinct(),
                Is.EqualTo(new[] { origin }), origin);

            await ProbeAsync(origin, "server-side-emit", new { @event = "note" }, origin, Binary("0102"));
        }
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        foreach (var (id, member) in new[] { ("ack-a", A), ("ack-b", B), ("ack-n", N) })
        {
            var events = (await ProbeAsync(id, "server-events")).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("args")[0].GetString()).ToArray();
            Assert.That(events, Is.EquivalentTo(ids.Where(o => o != id)), $"notes on {member.Name}");
        }
        Leave(ids);
    }
}
