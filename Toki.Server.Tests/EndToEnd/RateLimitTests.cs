using NUnit.Framework;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>The per-socket rate limit answers rate_limited and lets the socket go on once it slows down.</summary>
[TestFixture]
[Category(TestCategories.Node)]
public sealed class RateLimitTests
{
    [Test]
    public async Task Bursts_beyond_the_limit_are_refused()
    {
        await using var kit = await CallKit.StartAsync(new Dictionary<string, string?>
        {
            ["Calls:RateLimits:ActionsPerSecond"] = "1",
            ["Calls:RateLimits:ActionBurst"] = "5",
        });
        await kit.UserAsync("rl-alice");
        var acks = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => kit.Clients.EmitAsync("rl-alice", "call:sync")));
        var codes = acks.Select(a => a.GetProperty("ok").GetBoolean() ? "ok" : a.GetProperty("error").GetProperty("code").GetString()).ToList();
        Assert.That(codes.Count(c => c == CallErrorCode.RateLimited), Is.InRange(6, 7));
        Assert.That(codes.Count(c => c == "ok"), Is.InRange(5, 6), "the others are answered: no live call to resume");
    }
}
