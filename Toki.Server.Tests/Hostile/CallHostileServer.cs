using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.Identity;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A real server (rate limits off) with a live, active call between alice and bob, eve online with no call, and raw
/// wire clients for all three: the stage on which hostile input is thrown at every call event. <see cref="StateAsync"/>
/// captures everything a refused event must leave unchanged.
/// </summary>
internal sealed partial class CallHostileServer : IAsyncDisposable
{
    public const string Alice = "hostile-alice";
    public const string Bob = "hostile-bob";
    public const string Eve = "hostile-eve";

    private readonly Dictionary<string, CallWireClient> _clients;

    private CallHostileServer(TokiTestServer server, Dictionary<string, CallWireClient> clients, string callId)
    {
        Server = server;
        _clients = clients;
        CallId = callId;
    }

    public TokiTestServer Server { get; }

    /// <summary>The live call (active: both joined, the timer running).</summary>
    public string CallId { get; }

    public CallWireClient this[string user] => _clients[user];

    public static async Task<CallHostileServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>
        {
            ["Calls:RateLimits:ActionsPerSecond"] = "0",
            ["Calls:RateLimits:RelaysPerSecond"] = "0",
            ["Calls:MaxDuration"] = "01:00:00",
            ["Calls:DisconnectGrace"] = "00:01:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var server = await TokiTestServer.StartAsync(merged);
        var clients = new Dictionary<string, CallWireClient>();
        foreach (var user in new[] { Alice, Bob, Eve })
        {
            await server.SeedUserAsync(user, user, 100_000);
            clients[user] = await CallWireClient.ConnectWithTokenAsync(server.BaseUrl, Token(user));
            Assert.That(clients[user].Connected, Is.True, clients[user].ConnectAnswer);
        }

        var request = await clients[Alice].EmitAsync("call:request", JsonSerializer.Serialize(new { calleeId = Bob, type = "audio" }));
        var callId = request.GetProperty("call").GetProperty("callId").GetString()!;
        var ids = JsonSerializer.Serialize(new { callId });
        foreach (var (user, action) in new[] { (Bob, "call:accept"), (Alice, "call:joined"), (Bob, "call:joined") })
        {
            var ack = await clients[user].EmitAsync(action, ids);
            Assert.That(ack.GetProperty("ok").GetBoolean(), Is.True, ack.GetRawText());
        }
        var hostile = new CallHostileServer(server, clients, callId);
        Assert.That((await hostile.StateAsync()).Status, Is.EqualTo(CallStatus.Active));
        return hostile;
    }

    /// <summary>A token for <paramref name="userId"/> signed with the server's secret (valid for an hour of real time).</summary>
    public static string Token(string userId) =>
        TestJwt.Sign(JsonSerializer.Serialize(new { sub = userId, exp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 3600 }),
            secret: TokiTestServer.JwtSecret);

    /// <summary>What a refused event must not change: the call's record and every balance and on-call flag.</summary>
    public async Task<CallHostileState> StateAsync()
    {
        var call = await Server.Store.GetCallAsync(CallId, CancellationToken.None);
        var users = new List<UserRecord>();
        foreach (var user in new[] { Alice, Bob, Eve })
        {
            users.Add((await Server.Store.GetUserAsync(user, CancellationToken.None))!);
        }
        return new CallHostileState(call!.Status, call.Version, string.Join(";", users.Select(u => $"{u.Id}:{u.Coins}/{u.HeldCoins}/{u.Earnings}/{u.IsOnCall}/{u.CurrentCallId}")));
    }

    /// <summary>Log lines at Error or Critical level (an unhandled failure, a stack trace).</summary>
    public IReadOnlyList<string> ErrorLogs => [.. Server.Logs.Where(line => ErrorLine().IsMatch(line))];

    [GeneratedRegex(@"^\S+ (Error|Critical)\s")]
    private static partial Regex ErrorLine();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync();
        }
        await Server.DisposeAsync();
    }
}
