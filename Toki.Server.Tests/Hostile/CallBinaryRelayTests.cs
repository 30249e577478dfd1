using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Tests.EndToEnd;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// Binary values in signalling relays, with the official socket.io-client on both ends (protocol.md §3): a Buffer sent
/// in <c>call:signal</c> reaches the peer as a Buffer with the same bytes, as an attachment (nested ones too), over
/// WebSocket and over polling; binary counts toward the event limit; binary is not a payload object.
/// </summary>
[TestFixture("websocket")]
[TestFixture("polling")]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class CallBinaryRelayTests(string transport)
{
    private CallKit _kit = null!;
    private string _alice = "";
    private string _bob = "";
    private string _callId = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kit = await CallKit.StartAsync(new Dictionary<string, string?> { ["Calls:MaxDuration"] = "01:00:00" });
        _alice = await UserAsync($"bin-alice-{transport}");
        _bob = await UserAsync($"bin-bob-{transport}");
        _callId = await _kit.StartCallAsync(_alice, _bob);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _kit.DisposeAsync();

    private async Task<string> UserAsync(string id)
    {
        await _kit.Server.SeedUserAsync(id, id, 100_000);
        var token = await _kit.Clients.SignAsync(new { sub = id }, TokiTestServer.JwtSecret, new { expiresIn = "1h" });
        var connected = await _kit.Clients.ConnectAsync(id, new { auth = new { token }, transports = new[] { transport } });
        Assert.That(connected.GetProperty("type").GetString(), Is.EqualTo("connect"), connected.GetRawText());
        await _kit.Clients.NextEventAsync(id, "call:state");
        return id;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static object Binary(byte[] bytes) => new Dictionary<string, string> { ["$binary"] = Convert.ToBase64String(bytes) };

    private static byte[] ReceivedBuffer(JsonElement value)
    {
        Assert.That(value.ValueKind, Is.EqualTo(JsonValueKind.Object), value.GetRawText());
        Assert.That(value.GetProperty("$type").GetString(), Is.EqualTo("Buffer"), "the peer's client rebuilt a Buffer from an attachment");
        return Convert.FromBase64String(value.GetProperty("$binary").GetString()!);
    }

    [Test]
    public async Task A_buffer_in_call_signal_reaches_the_peer_with_its_bytes_intact()
    {
        var blob = RandomBytes(4096);

        var ack = await _kit.Clients.EmitAsync(_alice, "call:signal", new { callId = _callId, blob = Binary(blob), kind = "chunk" });

        Assert.That(ack.GetRawText(), Is.EqualTo("""{"ok":true}"""));
        var relayed = await _kit.Clients.NextEventAsync(_bob, "call:signal");
        Assert.That(ReceivedBuffer(relayed.GetProperty("blob")), Is.EqualTo(blob));
        Assert.That((relayed.GetProperty("kind").GetString(), relayed.GetProperty("from").GetString()), Is.EqualTo(("chunk", _alice)));
    }

    [Test]
    public async Task Nested_buffers_arrive_in_their_places()
    {
        var (first, second, third) = (RandomBytes(10), RandomBytes(0), RandomBytes(70));

        var ack = await _kit.Clients.EmitAsync(_bob, "call:media", new
        {
            callId = _callId,
            parts = new object[] { Binary(first), new { inner = Binary(second), n = 2 } },
            last = Binary(third),
        });

        Assert.That(ack.GetRawText(), Is.EqualTo("""{"ok":true}"""));
        var relayed = await _kit.Clients.NextEventAsync(_alice, "call:media");
        var parts = relayed.GetProperty("parts");
        Assert.That(ReceivedBuffer(parts[0]), Is.EqualTo(first));
        Assert.That(ReceivedBuffer(parts[1].GetProperty("inner")), Is.EqualTo(second));
        Assert.That(parts[1].GetProperty("n").GetInt32(), Is.EqualTo(2));
        Assert.That(ReceivedBuffer(relayed.GetProperty("last")), Is.EqualTo(third));
    }

    [Test]
    public async Task A_300_KB_buffer_counts_toward_the_limit()
    {
        var ack = await _kit.Clients.EmitAsync(_alice, "call:signal", new { callId = _callId, blob = Binary(RandomBytes(300_000)) });

        CallKit.AssertError(ack, CallErrorCode.PayloadTooLarge);
        var end = await _kit.Clients.EmitAsync(_alice, "call:end", new { callId = _callId, permanent = true, blob = Binary(RandomBytes(300_000)) });
        CallKit.AssertError(end, CallErrorCode.PayloadTooLarge);
        Assert.That((await _kit.Server.Store.GetCallAsync(_callId, CancellationToken.None))!.Status, Is.EqualTo(CallStatus.Active));
    }

    [Test]
    public async Task A_buffer_is_not_a_payload_object()
    {
        CallKit.AssertError(await _kit.Clients.EmitAsync(_alice, "call:sync", Binary(RandomBytes(8))), CallErrorCode.InvalidPayload);
        CallKit.AssertError(await _kit.Clients.EmitAsync(_alice, "call:clear-all", Binary(RandomBytes(8))), CallErrorCode.InvalidPayload);
        Assert.That((await _kit.Server.Store.GetCallAsync(_callId, CancellationToken.None))!.Status, Is.EqualTo(CallStatus.Active));
    }
}
