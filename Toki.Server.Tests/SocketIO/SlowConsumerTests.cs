using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// A client that stops reading while the server keeps sending: its bounded send queue fills, it is closed
/// with a reason, and another client on the same server is served all along.
/// </summary>
[TestFixture]
[Category(TestCategories.Functional)]
public sealed class SlowConsumerTests
{
    [Test]
    public async Task A_client_that_stops_reading_is_closed_and_does_not_hold_up_others()
    {
        var payload = new string('x', 16 * 1024);
        var flooded = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await SocketIOTestHost.StartAsync(
            options => options.Engine = new EngineIOOptions { MaxQueuedFrames = 256, MaxQueuedBytes = 2 * 1024 * 1024 },
            server => server.Sockets.On("flood-me", context =>
            {
                flooded.TrySetResult(context.Socket.Id);
                // 10,000 × 16 KiB is far more than the socket buffers and the 2 MiB bound can hold.
                for (var i = 0; i < 10_000 && context.Socket.Connected; i++)
                {
                    context.Socket.Emit("flood", payload);
                }
                return ValueTask.CompletedTask;
            }));
        await using var slow = await RawSocketIOClient.ConnectAsync(host.BaseUrl);
        await using var healthy = await RawSocketIOClient.ConnectAsync(host.BaseUrl);

        // From here on the slow client reads nothing at all.
        await slow.SendAsync("42[\"flood-me\"]");
        var slowId = await flooded.Task.DefaultTimeout();
        Assert.That(await host.Reasons.ReasonOf(slowId).DefaultTimeout(), Is.EqualTo(SocketIODisconnectReason.TransportError));
        Assert.That(host.Logs.Any(line => line.Contains("exceeded its send buffer", StringComparison.Ordinal)), Is.True);

        for (var i = 0; i < 5; i++)
        {
            Assert.That(await healthy.EchoAsync($"ping-{i}").DefaultTimeout(), Is.EqualTo($"43{i}[\"ping-{i}\"]"));
        }
        Assert.That(host.Server.Sockets.Sockets.Select(s => s.Id), Does.Not.Contain(slowId));
    }
}
