using System.IO.Pipelines;
using System.Net.WebSockets;
using NUnit.Framework;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;
using Toki.Server.Tests.EngineIO.Support;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// The direct WebSocket's writes when a flush completes between the moment it is started and the moment it is
/// awaited: every path that flushes must finish, not wait on its own write gate.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class PipeWebSocketFlushTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(10);

    private static (PipeWebSocket Socket, RacingFlushPipeWriter Output) Create()
    {
        var output = new RacingFlushPipeWriter();
        return (new PipeWebSocket(new DuplexPipe(new Pipe().Reader, output), connection: null), output);
    }

    [Test]
    public void A_send_that_ends_a_batch_completes()
    {
        var (socket, output) = Create();

        var send = Task.Run(() => socket.SendAsync(EngineFrame.Message("hello"), endOfBatch: true).AsTask());

        Assert.That(send.Wait(Hang), Is.True, "the send never completed");
        Assert.That(output.Flushes, Is.EqualTo(1));
        Assert.That(output.Written.ToArray(), Is.EqualTo(new byte[] { 0x81, 6, (byte)'4', (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }));
    }

    [Test]
    public void A_raw_write_with_a_flush_completes()
    {
        var (socket, output) = Create();

        var write = Task.Run(() => socket.WriteRawAsync("HTTP/1.1 101 Switching Protocols\r\n\r\n"u8.ToArray(), flush: true).AsTask());

        Assert.That(write.Wait(Hang), Is.True, "the write never completed");
        Assert.That(output.Flushes, Is.EqualTo(1));
    }

    [Test]
    public void Closing_completes_and_sends_the_close_frame()
    {
        var (socket, output) = Create();

        var close = Task.Run(() => socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure).AsTask());

        Assert.That(close.Wait(Hang), Is.True, "the close never completed");
        Assert.That(output.Written.ToArray(), Is.EqualTo(new byte[] { 0x88, 2, 0x03, 0xE8 }));
    }

    [Test]
    public void Failing_the_connection_completes_and_sends_the_status()
    {
        var (socket, output) = Create();

        var fail = Task.Run(() => socket.FailAsync(WebSocketCloseStatus.ProtocolError).AsTask());

        Assert.That(fail.Wait(Hang), Is.True, "failing never completed");
        Assert.That(output.Written.ToArray(), Is.EqualTo(new byte[] { 0x88, 2, 0x03, 0xEA }));
    }

    [Test]
    public void Sends_after_a_racing_flush_still_flush()
    {
        var (socket, output) = Create();

        var sends = Task.Run(async () =>
        {
            await socket.SendAsync(EngineFrame.Message("a"), endOfBatch: true);
            await socket.SendAsync(EngineFrame.Message("b"), endOfBatch: true);
        });

        Assert.That(sends.Wait(Hang), Is.True, "the sends never completed");
        Assert.That(output.Flushes, Is.EqualTo(2));
    }
}
