using System.Text.Json;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.EngineIO.Protocol;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// GETs around an upgrade, on a real Kestrel with a fake clock: a GET pending at the probe, or arriving while upgrading,
/// is held for the upgrade packet (as Node's engine.io answers such polls only at its 100 ms check). Sent after the
/// upgrade packet but read first, it is refused like any GET after the upgrade; otherwise the hold ends in a noop.
/// </summary>
[TestFixture(false, false)]
[TestFixture(true, false)]
[TestFixture(true, true)]
[Category(TestCategories.Functional)]
public sealed class UpgradePollHoldTests(bool direct, bool tokiTransport)
{
    private const string BadRequest = """{"code":3,"message":"Bad request"}""";
    private static readonly TimeSpan PollHold = TimeSpan.FromMilliseconds(100);
    private ObservedFakeTimeProvider _time = null!;
    private EngineTestHost _host = null!;

    [SetUp]
    public async Task StartHost()
    {
        _time = new ObservedFakeTimeProvider();
        _host = await EngineTestHost.StartAsync(new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1) }, _time, direct, tokiTransport);
    }

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private async Task<string> OpenAsync() =>
        JsonDocument.Parse((await _host.SendAsync(HttpMethod.Get, "EIO=4&transport=polling")).Body[1..]).RootElement.GetProperty("sid").GetString()!;

    [Test]
    public async Task AGetPendingAtTheProbeAndOvertakenByTheUpgradePacketIsRefused()
    {
        var (sid, poll, socket) = await ProbeWithPendingPollAsync();
        using var probed = socket;

        Assert.That(poll.IsCompleted, Is.False, "held for the upgrade packet");
        await EngineTestHost.SendTextAsync(socket, "5");

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, BadRequest)));
        Assert.That(_host.Handler.Sessions[sid].Engine.Transport, Is.EqualTo(EngineTransportKind.WebSocket));
    }

    [Test]
    public async Task AGetWhileUpgradingOvertakenByTheUpgradePacketIsRefused()
    {
        var sid = await OpenAsync();
        using var socket = await _host.OpenWebSocketAsync(sid);
        await ProbeAsync(socket);
        var armed = _time.ArmCount;

        var poll = PollAsync(sid);
        await _time.WhenArmedAsync(armed).DefaultTimeout();
        await EngineTestHost.SendTextAsync(socket, "5");

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, BadRequest)));
        Assert.That(_host.Handler.Sessions[sid].Engine.Transport, Is.EqualTo(EngineTransportKind.WebSocket));
    }

    [Test]
    public async Task AGetPendingAtTheProbeGetsANoopAfterTheHoldThenTheUpgradeCompletes()
    {
        var (sid, poll, socket) = await ProbeWithPendingPollAsync();
        using var probed = socket;

        _time.Advance(PollHold - TimeSpan.FromMilliseconds(1));
        Assert.That(poll.IsCompleted, Is.False, "held until the end of the hold");
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "6")));
        await EngineTestHost.SendTextAsync(socket, "5");
        _host.Handler.Sessions[sid].Engine.Send(EngineFrame.Message("over the websocket"));
        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("4over the websocket"));
    }

    /// <summary>Opens a session with a GET pending, then probes a WebSocket; returns once the GET's hold is armed.</summary>
    private async Task<(string Sid, Task<HttpAnswer> Poll, System.Net.WebSockets.WebSocket Socket)> ProbeWithPendingPollAsync()
    {
        var sid = await OpenAsync();
        var poll = PollAsync(sid);
        Assert.That(poll.IsCompleted, Is.False, "a long-poll");
        var socket = await _host.OpenWebSocketAsync(sid);
        var armed = _time.ArmCount;
        await ProbeAsync(socket);
        await _time.WhenArmedAsync(armed).DefaultTimeout();
        return (sid, poll, socket);
    }

    private static async Task ProbeAsync(System.Net.WebSockets.WebSocket socket)
    {
        await EngineTestHost.SendTextAsync(socket, "2probe");
        Assert.That(await EngineTestHost.ReceiveAsync(socket), Is.EqualTo("3probe"));
    }

    // In process: the GET is pending (or held) when the call returns, with no race against the WebSocket's frames.
    private Task<HttpAnswer> PollAsync(string sid) => InProcessPollingClient.SendAsync(_host.Server, "GET", $"EIO=4&transport=polling&sid={sid}");
}
