using NUnit.Framework;

namespace Toki.Server.Tests.Cluster;

/// <summary>Broadcasts across the mixed cluster: from each server, to rooms with exceptions, to everyone, from a socket.</summary>
public abstract partial class ClusterInteropTests
{
    [Test]
    public async Task EveryMemberCountsThreeServers()
    {
        foreach (var member in Members)
        {
            var id = $"count-{member.Name}";
            await ConnectAsync(id, member);
            var answer = await ProbeAsync(id, "server-count");
            Assert.That(answer.GetProperty("count").GetInt32(), Is.EqualTo(3), $"serverCount on {member.Name}");
            Leave(id);
        }
    }

    [Test]
    public async Task BroadcastsInEveryDirectionArriveOnceAndNeverToTheExcepted()
    {
        // On each server: one client in the room, one in the room but muted; B also has one outside the room.
        string[] ids = ["bc-a1", "bc-a2", "bc-b1", "bc-b2", "bc-b3", "bc-n1", "bc-n2"];
        var sids = new Dictionary<string, string>
        {
            ["bc-a1"] = await ConnectAsync("bc-a1", A, "bc-r", "bc-all"),
            ["bc-a2"] = await ConnectAsync("bc-a2", A, "bc-r", "bc-muted", "bc-all"),
            ["bc-b1"] = await ConnectAsync("bc-b1", B, "bc-r", "bc-all"),
            ["bc-b2"] = await ConnectAsync("bc-b2", B, "bc-r", "bc-all"),
            ["bc-b3"] = await ConnectAsync("bc-b3", B, "bc-all"),
            ["bc-n1"] = await ConnectAsync("bc-n1", N, "bc-r", "bc-all"),
            ["bc-n2"] = await ConnectAsync("bc-n2", N, "bc-r", "bc-muted", "bc-all"),
        };
        foreach (var origin in new[] { "bc-a1", "bc-b1", "bc-n1" })
        {
            // To the room except the muted ones and one client by id (bc-b2), to the whole room from the origin's socket (not to itself).
            await ProbeAsync(origin, "emit", new { to = new[] { "bc-r" }, except = new[] { "bc-muted", sids["bc-b2"] }, @event = $"room-from-{origin}" }, origin, 1);
            await ProbeAsync(origin, "emit", new { to = new[] { "bc-all" }, broadcast = true, @event = $"others-from-{origin}" });
        }
        await FenceAsync("bc-n1", "bc-all", ids);

        await Assert.MultipleAsync(() =>
        {
            foreach (var origin in new[] { "bc-a1", "bc-b1", "bc-n1" })
            {
                foreach (var id in ids)
                {
                    var inRoom = id is "bc-a1" or "bc-b1" or "bc-n1";
                    Assert.That(Received(id, $"room-from-{origin}"), Is.EqualTo(inRoom ? new[] { $"[\"{origin}\",1]" } : Array.Empty<string>()),
                        $"{id} from {origin} to the room");
                    Assert.That(Received(id, $"others-from-{origin}").Count, Is.EqualTo(id == origin ? 0 : 1), $"{id} from {origin}'s socket.broadcast");
                }
            }
            return Task.CompletedTask;
        });
        Leave(ids);
    }

    [Test]
    public async Task BinaryArgumentsArriveIntactInEveryDirection()
    {
        string[] ids = ["bin-a", "bin-b", "bin-n"];
        await ConnectAsync("bin-a", A, "bin-r");
        await ConnectAsync("bin-b", B, "bin-r");
        await ConnectAsync("bin-n", N, "bin-r");
        var top = Binary("00ff10");
        var nested = new { file = Binary("cafebabe"), list = new object[] { 1, Binary("") } };
        foreach (var origin in ids)
        {
            await ProbeAsync(origin, "emit", new { to = new[] { "bin-r" }, @event = $"bin-from-{origin}" }, top, nested, "text");
        }
        await FenceAsync("bin-b", "bin-r", ids);

        const string expected = """[{"$binary":"AP8Q","$type":"Buffer"},{"file":{"$binary":"yv66vg==","$type":"Buffer"},"list":[1,{"$binary":"","$type":"Buffer"}]},"text"]""";
        foreach (var origin in ids)
        {
            foreach (var id in ids)
            {
                Assert.That(Received(id, $"bin-from-{origin}"), Is.EqualTo(new[] { expected }), $"{id} from {origin}");
            }
        }
        Leave(ids);
    }
}
