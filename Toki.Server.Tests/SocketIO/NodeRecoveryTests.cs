using NUnit.Framework;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// Connection state recovery with the official Node client: it drops its connection with engine.close(),
/// reconnects by itself, and must come back recovered with the events emitted while it was away, on every
/// drop, whether or not it had seen an event before the first one.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category(TestCategories.Node)]
public sealed class NodeRecoveryTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("polling", true, 1).SetName("polling, event seen before the drop");
        yield return new TestCaseData("websocket", true, 1).SetName("websocket, event seen before the drop");
        yield return new TestCaseData("polling", false, 1).SetName("polling, no event before the drop");
        yield return new TestCaseData("websocket", false, 3).SetName("websocket, no event before the drop, three drops");
        yield return new TestCaseData("polling", true, 3).SetName("polling, three drops");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task RecoversAndDeliversWhatWasMissed(string transport, bool seenBeforeDrop, int drops)
    {
        await using var host = await SocketIOTestHost.StartAsync(options => options.ConnectionStateRecovery = new ConnectionStateRecoveryOptions());

        var result = await host.RunNodeAsync("recovery", $$"""{"transports":["{{transport}}"],"seenBeforeDrop":{{(seenBeforeDrop ? "true" : "false")}},"drops":{{drops}}}""");

        // Offsets are the server's counter: the client sees each one as the event's last argument.
        var offset = seenBeforeDrop ? 1 : 0;
        var expected = string.Join(",", Enumerable.Range(1, drops).Select(drop =>
            $$"""{"reason":"forced close","recovered":true,"sameId":true,"missed":[[{{drop}},1,"{{++offset}}"],[{{drop}},2,"{{++offset}}"]],"after":["after",{{drop}},"{{++offset}}"]}"""));
        Assert.That(result, Does.EndWith($$""","drops":[{{expected}}]}"""));
        Assert.That(host.Server.Sockets.SocketCount, Is.LessThanOrEqualTo(1));
    }
}
