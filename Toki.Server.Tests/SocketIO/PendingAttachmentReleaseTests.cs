using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// A binary event whose attachments were only partly received when its connection closed: the connection, kept
/// reachable by its suspended socket (connection state recovery), lets go of the attachments, and a packet or an
/// attachment still handed over by the read side after the close (it picked up the handler before the close on another
/// thread, a ping timeout say) is dropped, neither routed nor kept.
/// </summary>
[Category(TestCategories.Functional)]
public sealed class PendingAttachmentReleaseTests
{
    private const string TwoAttachmentEvent = """452-["upload",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""";
    private SocketIOServer _server = null!;
    private DisconnectRecorder _reasons = null!;
    private int _uploads;

    [SetUp]
    public void CreateServer()
    {
        _uploads = 0;
        _server = new SocketIOServer(new SocketIOServerOptions
        {
            ConnectionStateRecovery = new ConnectionStateRecoveryOptions(),
            Engine = new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) },
            ConnectTimeout = TimeSpan.FromDays(1),
        }, new FakeTimeProvider(), NullLoggerFactory.Instance);
        _server.Sockets.On("upload", _ =>
        {
            Interlocked.Increment(ref _uploads);
            return ValueTask.CompletedTask;
        });
        _reasons = DisconnectRecorder.Attach(_server.Sockets);
    }

    [TearDown]
    public async Task DisposeServer() => await _server.DisposeAsync();

    [Test]
    public async Task AClosedConnectionLetsGoOfTheAttachmentsOfAHalfReceivedBinaryEvent()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var socket = Socket(client.Id);
        await client.SendAsync(TwoAttachmentEvent, "bAQID");
        var attachments = WeakPendingAttachmentsOf(socket);

        await client.SendAsync("1");
        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo("transport close"));
        Assert.That(socket.IsSuspended, Is.True, "the suspended socket keeps its closed connection reachable");

        Assert.That(socket.Connection.PendingAttachments, Is.Null);
        Assert.That(Collected(attachments), Is.True, "the closed connection still holds the half-received packet's attachments");
        Assert.That(_uploads, Is.Zero);
    }

    [Test]
    public async Task WhatTheReadSideHandsOverAfterTheCloseIsDroppedNotRoutedOrKept()
    {
        var client = await InProcessSocketIOClient.ConnectAsync(_server);
        var socket = Socket(client.Id);
        await client.SendAsync(TwoAttachmentEvent, "bAQID");
        IEngineIOSessionHandler handler = socket.Connection;

        socket.Connection.Session.Close(EngineCloseReason.PingTimeout, null, flush: false);
        Assert.That(await _reasons.ReasonOf(client.Id).DefaultTimeout(), Is.EqualTo("ping timeout"));

        // As a read that picked up the handler just before the close: the packet's last attachment, then a new packet
        // (the handler sees what follows the Engine.IO message type).
        Assert.DoesNotThrow(() => handler.OnBinaryMessage([4, 5, 6]));
        Assert.DoesNotThrow(() => handler.OnMessage(Encoding.UTF8.GetBytes(TwoAttachmentEvent[1..])));
        Assert.DoesNotThrow(() => handler.OnBinaryMessage([7]));

        Assert.That(socket.Connection.PendingAttachments, Is.Null, "a packet started after the close is kept by the closed connection");
        Assert.That(_uploads, Is.Zero, "an event completed after the close was routed");
    }

    private SocketIOSocket Socket(string id)
    {
        Assert.That(_server.Sockets.TryGetSocket(id, out var socket), Is.True, $"socket {id} is connected");
        return socket;
    }

    // Not inlined, so no local of the test method keeps the attachments reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakPendingAttachmentsOf(SocketIOSocket socket)
    {
        var attachments = socket.Connection.PendingAttachments;
        Assert.That(attachments, Has.Count.EqualTo(1), "one of the two attachments arrived");
        return new WeakReference(attachments);
    }

    private static bool Collected(WeakReference reference)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return !reference.IsAlive;
    }
}
