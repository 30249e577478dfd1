using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Toki.Server.Hosting.Memory;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hosting;

/// <summary>
/// Kestrel's transport reads and writes through Toki's trimming pool (Server:TrimIdleMemory, on by default): messages
/// spanning many 4 KB blocks arrive intact in both directions over the official client, and the blocks go back to the
/// pool and then to the GC; with the setting off, Kestrel keeps its own pool.
/// </summary>
[TestFixture]
[Category(TestCategories.Node)]
[Parallelizable(ParallelScope.None)]
public sealed class IdleMemoryTrimServerTests
{
    [Test]
    public async Task Large_relays_cross_the_trimming_pool_intact_and_its_blocks_are_let_go_once_unused()
    {
        await using var kit = await CallKit.StartAsync();
        var factory = kit.Server.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        Assert.That(factory, Is.InstanceOf<TrimmingMemoryPoolFactory>());
        var pools = (TrimmingMemoryPoolFactory)factory;

        var (alice, bob) = (await kit.UserAsync("pool-alice"), await kit.UserAsync("pool-bob"));
        var callId = await kit.StartCallAsync(alice, bob);
        // About 56 KB of varied text each way (events are limited to 64 KB): over a dozen blocks per message.
        var sdp = string.Concat(Enumerable.Range(0, 7_000).Select(i => (char)('a' + i % 26) + (i % 7).ToString() + "xyzw" + (i % 10) + "|"));
        for (var round = 0; round < 3; round++)
        {
            CallKit.AssertOk(await kit.Clients.EmitAsync(alice, "call:signal", new { callId, payload = new { sdp, round } }));
            var relayed = await kit.Clients.NextEventAsync(bob, "call:signal");
            Assert.That(relayed.GetProperty("payload").GetProperty("sdp").GetString(), Is.EqualTo(sdp));
            Assert.That(relayed.GetProperty("payload").GetProperty("round").GetInt32(), Is.EqualTo(round));
            CallKit.AssertOk(await kit.Clients.EmitAsync(bob, "call:signal", new { callId, payload = new { sdp, round } }));
            var back = await kit.Clients.NextEventAsync(alice, "call:signal");
            Assert.That(back.GetProperty("payload").GetProperty("sdp").GetString(), Is.EqualTo(sdp));
        }

        // Everything was returned: two quiet intervals give every block back to the GC.
        pools.Trim();
        var released = pools.Trim();
        Assert.That(pools.Trim(), Is.Zero);
        Assert.That(released, Is.GreaterThan(0), "the transport's blocks came from this pool and were returned to it");

        // And the connections still work after the trims.
        CallKit.AssertOk(await kit.Clients.EmitAsync(alice, "call:signal", new { callId, payload = new { after = true } }));
        var last = await kit.Clients.NextEventAsync(bob, "call:signal");
        Assert.That(last.GetProperty("payload").GetRawText(), Is.EqualTo("""{"after":true}"""));
    }

    [Test]
    public async Task With_the_setting_off_Kestrel_keeps_its_own_pool_and_nothing_trims()
    {
        await using var server = await TokiTestServer.StartAsync(new Dictionary<string, string?> { ["Server:TrimIdleMemory"] = "false" });
        Assert.That(server.Services.GetService<TrimmingMemoryPoolFactory>(), Is.Null);
        Assert.That(server.Services.GetRequiredService<IMemoryPoolFactory<byte>>(), Is.Not.InstanceOf<TrimmingMemoryPoolFactory>());
        Assert.That(server.Services.GetServices<IHostedService>().OfType<IdleMemoryTrimmer>(), Is.Empty);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var health = await http.GetAsync("/healthz");
        Assert.That((int)health.StatusCode, Is.EqualTo(200));
    }
}
