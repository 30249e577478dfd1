using NUnit.Framework;

namespace Toki.Server.Tests.Cluster;

/// <summary>The classic adapter's requests that only Node sends (Toki answers them): ALL_ROOMS.</summary>
public sealed partial class ClassicClusterInteropTests
{
    [Test]
    public async Task TheNodeServersAllRoomsCountsTheRoomsOfTheTokiServers()
    {
        await ConnectAsync("ar-a", A, "ar-on-a");
        await ConnectAsync("ar-b", B, "ar-on-b");
        await ConnectAsync("ar-n", N, "ar-on-n");

        var answer = await ProbeAsync("ar-n", "all-rooms");

        Assert.That(answer.TryGetProperty("error", out var error) ? error.GetString() : null, Is.Null, "every server answered in time");
        Assert.That(answer.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()), Is.SupersetOf(new[] { "ar-on-a", "ar-on-b", "ar-on-n" }));
        Leave("ar-a", "ar-b", "ar-n");
    }
}
