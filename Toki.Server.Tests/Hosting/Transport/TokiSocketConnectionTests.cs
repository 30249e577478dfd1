using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using NUnit.Framework;
using Toki.Server.Hosting.Memory;
using Toki.Server.Hosting.Transport;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hosting.Transport;

/// <summary>
/// One <see cref="TokiSocketConnection"/> over a real loopback socket pair: the reader's and writer's
/// <see cref="PipeReader"/>/<see cref="PipeWriter"/> semantics, backpressure, and the ends of a connection.
/// </summary>
[TestFixture]
[Category(TestCategories.Functional)]
public sealed partial class TokiSocketConnectionTests
{
    private const int MaxInputBuffer = 64 * 1024;
    private const int MaxOutputBuffer = 64 * 1024;

    private Socket _peer = null!;
    private TokiSocketConnection _connection = null!;
    private TrimmingMemoryPool _pool = null!;

    private PipeReader Input => _connection.Transport.Input;

    private PipeWriter Output => _connection.Transport.Output;

    [SetUp]
    public async Task Connect()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        _peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync();
        await _peer.ConnectAsync(listener.LocalEndPoint!).DefaultTimeout();
        var accepted = await accepting.DefaultTimeout();
        accepted.Blocking = false;
        _pool = new TrimmingMemoryPool();
        _connection = new TokiSocketConnection(accepted, _pool, MaxInputBuffer, MaxOutputBuffer);
        _connection.Start();
    }

    [TearDown]
    public async Task Disconnect()
    {
        _peer.Dispose();
        await _connection.DisposeAsync().AsTask().DefaultTimeout();
        _pool.Dispose();
    }

    [Test]
    public async Task APartlyConsumedBufferKeepsTheRestAndAFullyExaminedOneWaitsForMore()
    {
        await PeerSendsAsync("abcdef");
        var first = await ReadAtLeastAsync(6);
        Input.AdvanceTo(first.Buffer.GetPosition(2), first.Buffer.End);

        var pending = Input.ReadAsync();
        Assert.That(pending.IsCompleted, Is.False, "everything was examined: the next read waits for more bytes");
        await PeerSendsAsync("gh");
        var second = await pending.AsTask().DefaultTimeout();
        while (second.Buffer.Length < 6)
        {
            Input.AdvanceTo(second.Buffer.Start, second.Buffer.End);
            second = await Input.ReadAsync().AsTask().DefaultTimeout();
        }

        Assert.That(Text(second.Buffer), Is.EqualTo("cdefgh"));
    }

    [Test]
    public async Task ABufferNotFullyExaminedIsReturnedAgainAtOnce()
    {
        await PeerSendsAsync("hello");
        var first = await ReadAtLeastAsync(5);
        Input.AdvanceTo(first.Buffer.Start, first.Buffer.GetPosition(1));

        var again = Input.ReadAsync();

        Assert.That(again.IsCompletedSuccessfully, Is.True);
        Assert.That(Text(again.Result.Buffer), Is.EqualTo("hello"));
    }

    [Test]
    public async Task CancelPendingReadEndsAWaitingReadAsCanceled()
    {
        var pending = Input.ReadAsync();

        Input.CancelPendingRead();

        var result = await pending.AsTask().DefaultTimeout();
        Assert.That(result.IsCanceled, Is.True);
        Assert.That(result.IsCompleted, Is.False);
    }

    [Test]
    public async Task APeersFinFiresConnectionClosedWhileNoOneReadsAndCompletesTheInput()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = _connection.ConnectionClosed.Register(() => closed.TrySetResult());

        _peer.Shutdown(SocketShutdown.Send);

        await closed.Task.DefaultTimeout();
        var result = await Input.ReadAsync().AsTask().DefaultTimeout();
        Assert.That(result.IsCompleted, Is.True);
    }

    [Test]
    public async Task APeersResetFailsTheInputWithConnectionReset()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = _connection.ConnectionClosed.Register(() => closed.TrySetResult());

        _peer.LingerState = new LingerOption(true, 0);
        _peer.Close();

        await closed.Task.DefaultTimeout();
        Assert.ThrowsAsync<ConnectionResetException>(async () => await Input.ReadAsync());
    }

    [Test]
    public async Task AnAbortFailsTheInputWithItsReasonEndsThePeersConnectionAndCompletesFlushes()
    {
        var reason = new ConnectionAbortedException("test abort");

        _connection.Abort(reason);

        var thrown = Assert.ThrowsAsync<ConnectionAbortedException>(async () => await Input.ReadAsync().AsTask().DefaultTimeout());
        Assert.That(thrown, Is.SameAs(reason));
        Assert.That(await SocketReads.ReadToEndAsync(_peer).DefaultTimeout(), Is.Empty);
        Output.Write("late"u8);
        Assert.That((await Output.FlushAsync()).IsCompleted, Is.True);
    }

    [Test]
    public async Task AFlushSendsWhatWasWrittenAcrossBlocksAndOversizedBuffers()
    {
        var small = Encoding.ASCII.GetBytes(new string('a', 3000));
        var large = Encoding.ASCII.GetBytes(new string('b', 10_000));
        small.CopyTo(Output.GetMemory(small.Length));
        Output.Advance(small.Length);
        large.CopyTo(Output.GetMemory(large.Length));
        Output.Advance(large.Length);
        Assert.That(Output.UnflushedBytes, Is.EqualTo(13_000));

        var flush = await Output.FlushAsync().AsTask().DefaultTimeout();

        Assert.That(flush.IsCompleted || flush.IsCanceled, Is.False);
        Assert.That(await PeerReadsAsync(13_000), Is.EqualTo(new string('a', 3000) + new string('b', 10_000)));
    }

    [Test]
    public async Task FlushesReportCompletedOnceThePeerIsGone()
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = _connection.ConnectionClosed.Register(() => closed.TrySetResult());
        _peer.LingerState = new LingerOption(true, 0);
        _peer.Close();
        await closed.Task.DefaultTimeout();

        Output.Write(new byte[1024]);
        var flush = await Output.FlushAsync().AsTask().DefaultTimeout();

        Assert.That(flush.IsCompleted, Is.True);
    }

    [Test]
    public async Task APeerThatSendsWhileNoOneReadsIsHeldAtTheInputLimit()
    {
        const int total = 4 * 1024 * 1024;
        _peer.SendBufferSize = 64 * 1024;
        var sending = _peer.SendAsync(new byte[total].AsMemory()).AsTask();

        var buffered = 0L;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            if (Input.TryRead(out var result))
            {
                buffered = result.Buffer.Length;
                Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                if (buffered >= MaxInputBuffer)
                {
                    break;
                }
            }
        }
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        Assert.That(Input.TryRead(out var held), Is.True);
        Assert.That(held.Buffer.Length, Is.EqualTo(buffered), "nothing more is received while the input is at its limit");
        Assert.That(buffered, Is.InRange(MaxInputBuffer, MaxInputBuffer + TrimmingMemoryPool.BlockSize));
        Assert.That(sending.IsCompleted, Is.False);

        var received = held.Buffer.Length;
        Input.AdvanceTo(held.Buffer.End);
        while (received < total)
        {
            var result = await Input.ReadAsync().AsTask().DefaultTimeout();
            received += result.Buffer.Length;
            Input.AdvanceTo(result.Buffer.End);
        }
        Assert.That(await sending.DefaultTimeout(), Is.EqualTo(total));
        Assert.That(received, Is.EqualTo(total));
    }

    [Test]
    public async Task CancelPendingFlushEndsAFlushWaitingForAFullSocketAndKeepsItsBytes()
    {
        _peer.ReceiveBufferSize = 16 * 1024;
        var chunk = new byte[16 * 1024];
        var written = 0L;
        Task<FlushResult> flush = Task.FromResult(default(FlushResult));
        // A flush waits while more than MaxOutputBuffer is queued; it stays waiting once the socket's buffers are full.
        for (var attempt = 0; attempt < 32 * 1024; attempt++)
        {
            Output.Write(chunk);
            written += chunk.Length;
            flush = Output.FlushAsync().AsTask();
            if (!flush.IsCompleted)
            {
                await Task.WhenAny(flush, Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System));
                if (!flush.IsCompleted)
                {
                    break;
                }
            }
            await flush;
        }
        Assert.That(flush.IsCompleted, Is.False, "the socket's buffers never filled");

        Output.CancelPendingFlush();

        var result = await flush.DefaultTimeout();
        Assert.That(result.IsCanceled, Is.True);
        Assert.That((await PeerReadsCountAsync(written)), Is.EqualTo(written));
    }

    [Test]
    public async Task DisposingSendsWhatWasLeftUnflushedThenEndsTheConnection()
    {
        Output.Write("bye"u8);

        await _connection.DisposeAsync().AsTask().DefaultTimeout();

        Assert.That(await SocketReads.ReadToEndAsync(_peer).DefaultTimeout(), Is.EqualTo("bye"));
    }
}
