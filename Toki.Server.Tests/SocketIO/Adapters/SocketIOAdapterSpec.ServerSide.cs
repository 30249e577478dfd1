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
                var binary = e.Args.GetBinary(2) is { } bytes ? Convert.ToHexString(bytes) : e.Args[2].GetRawText();
                received.Enqueue($"{index}:{e.Args[0].GetInt32()}:{e.Args.Get<string>(1)}:{binary}:{e.HasAck}");
                return ValueTask.CompletedTask;
            });
        }

        await Server().Sockets.ServerSideEmitAsync("hello", 7, "x", new byte[] { 1, 2, 255 });
        await WaitUntilAsync(() => received.Count >= NodeCount - 1);
        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);

        Assert.That(received.Order(StringComparer.Ordinal),
            Is.EqualTo(Enumerable.Range(1, NodeCount - 1).Select(n => $"{n}:7:x:{ServerSideBinary}:False")));
    }

    /// <summary>
    /// How the bytes 01 02 FF sent with serverSideEmit arrive on another server: as binary, except with the classic Redis
    /// adapter, which (in Node too) sends server-side emits as JSON, where a Buffer becomes <c>{type:"Buffer",data}</c>.
    /// </summary>
    protected virtual string ServerSideBinary => "0102FF";

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
