using System.Text.Json;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.EngineIO.Protocol;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO;

/// <summary>The upgrade deadline, on a real Kestrel whose Engine.IO server runs on a manual clock (HTTP upgrade and direct).</summary>
[TestFixture(false)]
[TestFixture(true)]
[Category(TestCategories.Functional)]
public sealed class UpgradeDeadlineTests(bool direct)
{
    private static readonly TimeSpan UpgradeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollHold = TimeSpan.FromMilliseconds(100);
    private ObservedFakeTimeProvider _time = null!;
    private EngineTestHost _host = null!;

    [SetUp]
    public async Task StartHost()
    {
        _time = new ObservedFakeTimeProvider();
        _host = await EngineTestHost.StartAsync(new EngineIOOptions { UpgradeTimeout = UpgradeTimeout, HeartbeatResolution = TimeSpan.FromDays(1) }, _time, direct);
    }

    [TearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    /// <summary>A GET while upgrading is held for the upgrade packet: once its hold timer is armed, the hold passes.</summary>
    private async Task<HttpAnswer> PollWhileUpgradingAsync(string sid)
    {
        var armed = _time.ArmCount;
        var poll = _host.SendAsync(HttpMethod.Get, $"EIO=4&transport=polling&sid={sid}");
        await _time.WhenArmedAsync(armed).DefaultTimeout();
        _time.Advance(PollHold);
        return await poll.DefaultTimeout();
    }

    [Test]
    public async Task AnUpgradeWithoutTheUpgradePacketIsCancelledAtItsDeadline()
    {
        var open = await _host.SendAsync(HttpMethod.Get, "EIO=4&transport=polling");
        var sid = JsonDocument.Parse(open.Body[1..]).RootElement.GetProperty("sid").GetString()!;
        using var probe = await _host.OpenWebSocketAsync(sid);
        await EngineTestHost.SendTextAsync(probe, "2probe");
        Assert.That(await EngineTestHost.ReceiveAsync(probe), Is.EqualTo("3probe"));
        Assert.That(await PollWhileUpgradingAsync(sid), Is.EqualTo(new HttpAnswer(200, "6")),
            "while upgrading, polls are answered with noop once held for the upgrade packet");

        _time.Advance(UpgradeTimeout - PollHold - TimeSpan.FromMilliseconds(1));
        _host.Server.Tick();
        var stillUpgrading = await PollWhileUpgradingAsync(sid);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _host.Server.Tick();

        Assert.That(stillUpgrading, Is.EqualTo(new HttpAnswer(200, "6")));
        Assert.That(await EngineTestHost.ReceiveAsync(probe), Is.EqualTo("aborted"));
        var poll = _host.SendAsync(HttpMethod.Get, $"EIO=4&transport=polling&sid={sid}");
        _host.Handler.Sessions[sid].Engine.Send(EngineFrame.Message("polling again"));
        Assert.That(await poll.DefaultTimeout(), Is.EqualTo(new HttpAnswer(200, "4polling again")));
        Assert.That(_host.Handler.Sessions[sid].Engine.Transport, Is.EqualTo(EngineTransportKind.Polling));
    }
}
