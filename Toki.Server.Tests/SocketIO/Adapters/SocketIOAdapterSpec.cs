using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>
/// What every <see cref="SocketIOAdapter"/> must do, in the manner of SignalR's scale-out lifetime manager tests:
/// a concrete fixture supplies the adapter through <see cref="CreateAdapter"/>. Each test spreads its clients
/// over <see cref="NodeCount"/> servers (client i on server i mod NodeCount), so a multi-node adapter runs the
/// same specification across its backplane by returning more than one. Clients are real Socket.IO clients over
/// the engine's polling transport; a broadcast is followed by a "fence" event to everyone, and each client's
/// packets before the fence show exactly what the broadcast delivered to it.
/// </summary>
public abstract partial class SocketIOAdapterSpec
{
    private readonly List<SocketIOServer> _servers = [];

    /// <summary>Creates the adapter of <paramref name="namespace"/> on server number <paramref name="node"/>.</summary>
    protected abstract SocketIOAdapter CreateAdapter(SocketIONamespace @namespace, int node);

    /// <summary>How many servers share the namespace in each test.</summary>
    protected virtual int NodeCount => 1;

    [SetUp]
    public async Task CreateServers()
    {
        await SetUpNodesAsync();
        for (var node = 0; node < NodeCount; node++)
        {
            _servers.Add(CreateServer(node, recovery: null));
        }
        await ServersCreatedAsync();
    }

    [TearDown]
    public async Task DisposeServers()
    {
        await DisposeServersOnlyAsync();
        await TearDownNodesAsync();
    }

    /// <summary>Prepares what each server's adapter needs (a backplane connection, say) before the servers exist.</summary>
    protected virtual Task SetUpNodesAsync() => Task.CompletedTask;

    /// <summary>Runs once the servers (and their main namespaces' adapters) exist, before the test.</summary>
    protected virtual Task ServersCreatedAsync() => Task.CompletedTask;

    protected virtual Task TearDownNodesAsync() => Task.CompletedTask;

    /// <summary>One server of the test; broadcasts in the tests start from server 0.</summary>
    protected SocketIOServer Server(int node = 0) => _servers[node];

    /// <summary>A connected client and its socket on the server it landed on.</summary>
    protected sealed record Member(InProcessSocketIOClient Client, SocketIOSocket Socket, int Node)
    {
        public string Id => Socket.Id;
    }

    /// <summary>Connects client number <paramref name="index"/> to <paramref name="namespace"/> on server index mod NodeCount.</summary>
    protected async Task<Member> ConnectAsync(int index, string @namespace = "/", IReadOnlyList<string>? rooms = null)
    {
        var node = index % _servers.Count;
        var client = await InProcessSocketIOClient.ConnectAsync(_servers[node], @namespace);
        Assert.That(_servers[node].Of(@namespace).TryGetSocket(client.Id, out var socket), Is.True);
        if (rooms is not null)
        {
            socket.Join(rooms);
        }
        return new Member(client, socket, node);
    }

    /// <summary>Sends the fence to every socket of the namespaces and returns what each member got before it.</summary>
    protected async Task<string[]> ReceivedBeforeFenceAsync(params Member[] members)
    {
        foreach (var @namespace in members.Select(m => m.Socket.Namespace.Name).Distinct())
        {
            Server().Of(@namespace).Emit("fence");
        }
        var received = new string[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var @namespace = members[i].Socket.Namespace.Name;
            var fence = @namespace == "/" ? "42[\"fence\"]" : $"42{@namespace},[\"fence\"]";
            received[i] = string.Join(" ", await members[i].Client.ReceiveUntilAsync(fence));
        }
        return received;
    }

    /// <summary>Rooms as seen by the adapter of the member's own server, sorted, with the socket's own id shown as "#id".</summary>
    protected static string RoomsOf(Member member) =>
        string.Join(",", member.Socket.Rooms.Select(r => r == member.Id ? "#id" : r).Order(StringComparer.Ordinal));

    protected static string IdsOf(IEnumerable<SocketIORemoteSocket> sockets, params Member[] members) =>
        string.Join(",", sockets.Select(s => members.ToList().FindIndex(m => m.Id == s.Id) is var i and >= 0 ? "abcdefgh"[i].ToString() : "?").Order(StringComparer.Ordinal));

    /// <summary>
    /// Reads the member's packets up to the event <paramref name="eventName"/> sent with an ack id, and answers it with
    /// <paramref name="jsonValue"/> as the one argument.
    /// </summary>
    protected static async Task AnswerAsync(Member member, string eventName, string jsonValue)
    {
        while (true)
        {
            var packet = await member.Client.ReceiveAsync();
            var bracket = packet.IndexOf('[', StringComparison.Ordinal);
            if (packet.StartsWith("42", StringComparison.Ordinal) && bracket > 2
                && packet[bracket..].StartsWith($"[\"{eventName}\"", StringComparison.Ordinal))
            {
                await member.Client.SendAsync($"43{packet[2..bracket]}[{jsonValue}]");
                return;
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (what another server does happens a little later).</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail("the condition did not hold within 10 s");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    /// <summary>Replaces the servers by ones with connection state recovery on.</summary>
    protected async Task UseRecoveryAsync(ConnectionStateRecoveryOptions recovery)
    {
        await DisposeServersOnlyAsync();
        for (var node = 0; node < NodeCount; node++)
        {
            _servers.Add(CreateServer(node, recovery));
        }
        await ServersCreatedAsync();
    }

    private async Task DisposeServersOnlyAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        _servers.Clear();
    }

    private SocketIOServer CreateServer(int node, ConnectionStateRecoveryOptions? recovery)
    {
        var server = new SocketIOServer(new SocketIOServerOptions
        {
            AdapterFactory = @namespace => CreateAdapter(@namespace, node),
            ConnectionStateRecovery = recovery,
        }, TimeProvider.System, NullLoggerFactory.Instance);
        server.Of("/other");
        return server;
    }
}
