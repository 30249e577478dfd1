using System.Collections.Concurrent;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>What the servers of a cluster know of each other: how many they are, and events between them.</summary>
public abstract partial class SocketIOAdapterSpec
{
    [Test]
    public async Task EveryServerCountsTheServersOfTheNamespace()
    {
        for (var node = 0; node < NodeCount; node++)
        {
            Assert.That(await Server(node).Sockets.ServerCountAsync(), Is.EqualTo(NodeCount), $"server {node}");
        }
    }

    [Test]
    public async Task AServerSideEmitReachesEveryOtherServerWithItsArguments()
    {
        var received = new ConcurrentQueue<string>();
        for (var node = 0; node < NodeCount; node++)
        {
            var index = node;
            Server(node).Sockets.OnServerSideEmit("hello", e =>
            {
                received.Enqueue($"{index}:{e.Args[0].GetInt32()}:{e.Args.Get<string>(1)}:{Convert.ToHexString(e.Args.GetBinary(2)!)}:{e.HasAck}");
                return ValueTask.CompletedTask;
            });
        }

        await Server().Sockets.ServerSideEmitAsync("hello", 7, "x", new byte[] { 1, 2, 255 });
        await WaitUntilAsync(() => received.Count >= NodeCount - 1);
        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);

        Assert.That(received.Order(StringComparer.Ordinal),
            Is.EqualTo(Enumerable.Range(1, NodeCount - 1).Select(n => $"{n}:7:x:0102FF:False")));
    }

    [Test]
    public async Task AServerSideEmitWithAckGathersOneAnswerFromEachOtherServer()
    {
        for (var node = 0; node < NodeCount; node++)
        {
            var index = node;
            Server(node).Sockets.OnServerSideEmit("count", e =>
            {
                e.Ack(new { node = index, got = e.Args[0].GetInt32() });
                return ValueTask.CompletedTask;
            });
        }

        var answers = await Server().Sockets.ServerSideEmitWithAckAsync("count", TimeSpan.FromSeconds(5), 3).DefaultTimeout();

        Assert.That(answers.Select(a => a[0].GetRawText()).Order(StringComparer.Ordinal),
            Is.EqualTo(Enumerable.Range(1, NodeCount - 1).Select(n => $"{{\"node\":{n},\"got\":3}}")));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Test]
    public void ReservedEventNamesAreRefused()
    {
        Assert.ThrowsAsync<ArgumentException>(async () => await Server().Sockets.ServerSideEmitAsync("connection"));
    }
}
