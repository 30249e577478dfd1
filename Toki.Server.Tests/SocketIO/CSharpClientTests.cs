using System.Collections.Concurrent;
using NUnit.Framework;
using SocketIOClient;
using SocketIOClient.Transport;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;

namespace Toki.Server.Tests.SocketIO;

/// <summary>The .NET SocketIOClient 3.0.6 package against a real Kestrel, over each transport.</summary>
[Parallelizable(ParallelScope.Children)]
[Category(TestCategories.Functional)]
public sealed class CSharpClientTests
{
    [TestCase(TransportProtocol.Polling)]
    [TestCase(TransportProtocol.WebSocket)]
    public async Task ConnectsEmitsAndReceives(TransportProtocol transport)
    {
        await using var host = await SocketIOTestHost.StartAsync();
        await using var clientConnection = await ConnectAsync(host, transport);
        var client = clientConnection.Io;
        var echo = Next(client, "echo");

        await client.EmitAsync("echo", 1, "two", new { three = new[] { 3 } });

        Assert.That(client.Connected, Is.True);
        Assert.That(host.Server.Sockets.TryGetSocket(client.Id, out _), Is.True);
        Assert.That((await echo.DefaultTimeout()).ToString(), Is.EqualTo("""[1,"two",{"three":[3]}]"""));
    }

    [TestCase(TransportProtocol.Polling)]
    [TestCase(TransportProtocol.WebSocket)]
    public async Task AcksBothWays(TransportProtocol transport)
    {
        await using var host = await SocketIOTestHost.StartAsync();
        await using var clientConnection = await ConnectAsync(host, transport);
        var client = clientConnection.Io;
        client.On("question", response => response.CallbackAsync(response.GetValue<int>(0) * 2, "answered"));
        var acked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        await client.EmitAsync("echo-ack", response => acked.TrySetResult(response.ToString()), "a", 2);
        await client.EmitAsync("ask-client", response => asked.TrySetResult(response.ToString()), 7);

        Assert.That(await acked.Task.DefaultTimeout(), Is.EqualTo("""["a",2]"""));
        Assert.That(await asked.Task.DefaultTimeout(), Is.EqualTo("""[14,"answered"]"""));
    }

    [TestCase(TransportProtocol.Polling)]
    [TestCase(TransportProtocol.WebSocket)]
    public async Task CarriesBinaryBothWays(TransportProtocol transport)
    {
        await using var host = await SocketIOTestHost.StartAsync();
        await using var clientConnection = await ConnectAsync(host, transport);
        var client = clientConnection.Io;
        var echo = Next(client, "echo");
        var sent = Next(client, "server-binary");
        var parsed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        await client.EmitAsync("echo", new byte[] { 1, 2, 3 });
        await client.EmitAsync("send-binary");
        await client.EmitAsync("parse-upload", response => parsed.TrySetResult(response.ToString()),
            new { name = "up", data = new byte[] { 1, 2, 250 } }, new byte[] { 7, 7 });

        Assert.That((await echo.DefaultTimeout()).GetValue<byte[]>(0), Is.EqualTo(new byte[] { 1, 2, 3 }));
        var fromServer = await sent.DefaultTimeout();
        Assert.That(fromServer.GetValue<byte[]>(0), Is.EqualTo(new byte[] { 1, 2 }));
        Assert.That(fromServer.InComingBytes, Has.Count.EqualTo(2));
        Assert.That(fromServer.InComingBytes[1], Is.EqualTo(new byte[] { 3 }));
        Assert.That(await parsed.Task.DefaultTimeout(), Is.EqualTo("""["up",3,253,2]"""));
    }

    [Test]
    public async Task BroadcastsToARoomWithoutTheSender()
    {
        await using var host = await SocketIOTestHost.StartAsync();
        await using var aConnection = await ConnectAsync(host, TransportProtocol.WebSocket);
        var a = aConnection.Io;
        await using var bConnection = await ConnectAsync(host, TransportProtocol.Polling);
        var b = bConnection.Io;
        await using var cConnection = await ConnectAsync(host, TransportProtocol.WebSocket);
        var c = cConnection.Io;
        var received = new[] { a, b, c }.Select(Record).ToArray();
        var fences = new[] { a, b, c }.Select(client => Next(client, "fence")).ToArray();

        await AckAsync(a, "join", "r1");
        await AckAsync(b, "join", "r1");
        await AckAsync(a, "to-room", "r1", "t1");
        await AckAsync(c, "io-to-room", "r1", "t2");
        await AckAsync(c, "broadcast", "t3");
        await AckAsync(c, "fence-all");
        await Task.WhenAll(fences).DefaultTimeout();

        Assert.That(received.Select(events => string.Join(" ", events)), Is.EqualTo(new[]
        {
            """room-message["t2"] broadcast["t3"]""",
            """room-message["t1"] room-message["t2"] broadcast["t3"]""",
            "",
        }));
    }

    [TestCase(TransportProtocol.Polling)]
    [TestCase(TransportProtocol.WebSocket)]
    public async Task DisconnectsEitherWay(TransportProtocol transport)
    {
        await using var host = await SocketIOTestHost.StartAsync();
        await using var kickedConnection = await ConnectAsync(host, transport);
        var kicked = kickedConnection.Io;
        await using var leavingConnection = await ConnectAsync(host, transport);
        var leaving = leavingConnection.Io;
        var kickedReason = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        kicked.OnDisconnected += (_, reason) => kickedReason.TrySetResult(reason);
        var (kickedId, leavingId) = (kicked.Id, leaving.Id);

        await kicked.EmitAsync("disconnect-me");
        await leaving.DisconnectAsync();

        Assert.That(await kickedReason.Task.DefaultTimeout(), Is.EqualTo("io server disconnect"));
        Assert.That(await host.Reasons.ReasonOf(kickedId).DefaultTimeout(), Is.EqualTo("server namespace disconnect"));
        Assert.That(await host.Reasons.ReasonOf(leavingId).DefaultTimeout(), Is.EqualTo("client namespace disconnect"));
    }

    private static async Task<Client> ConnectAsync(SocketIOTestHost host, TransportProtocol transport)
    {
        var client = new SocketIOClient.SocketIO(host.BaseUrl, new SocketIOOptions
        {
            Transport = transport,
            AutoUpgrade = false,
            Reconnection = false,
            ConnectionTimeout = TimeSpan.FromSeconds(10),
        });
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnConnected += (_, _) => connected.TrySetResult();
        client.OnError += (_, error) => connected.TrySetException(new InvalidOperationException(error));
        await client.ConnectAsync().DefaultTimeout();
        await connected.Task.DefaultTimeout();
        Assert.That(client.Connected, Is.True);
        return new Client(client);
    }

    /// <summary>The client package's socket, disconnected politely when the test ends (Dispose alone leaves the WebSocket open).</summary>
    private sealed class Client(SocketIOClient.SocketIO io) : IAsyncDisposable
    {
        public SocketIOClient.SocketIO Io { get; } = io;

        public async ValueTask DisposeAsync()
        {
            if (Io.Connected)
            {
                await Io.DisconnectAsync();
            }
            Io.Dispose();
        }
    }

    private static Task<SocketIOResponse> Next(SocketIOClient.SocketIO client, string eventName)
    {
        var next = new TaskCompletionSource<SocketIOResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On(eventName, response => next.TrySetResult(response));
        return next.Task;
    }

    private static ConcurrentQueue<string> Record(SocketIOClient.SocketIO client)
    {
        var events = new ConcurrentQueue<string>();
        client.OnAny((name, response) =>
        {
            if (name != "fence")
            {
                events.Enqueue(name + response);
            }
        });
        return events;
    }

    private static async Task AckAsync(SocketIOClient.SocketIO client, string eventName, params object[] args)
    {
        var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.EmitAsync(eventName, _ => acked.TrySetResult(), args);
        await acked.Task.DefaultTimeout();
    }
}
