using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>
/// Every client event with malformed payloads: each gets its documented error code, nothing changes, and
/// the server keeps serving (a normal call works afterwards).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Node)]
public sealed class BadInputTests
{
    private const string Alice = "bad-alice";
    private const string Bob = "bad-bob";
    private const string Eve = "bad-eve";
    private const string Poor = "bad-poor";
    private const string Offline = "bad-offline";
    private CallKit _kit = null!;
    private string _call = "";

    private static readonly string[] CallIdEvents =
        ["call:accept", "call:reject", "call:cancel", "call:joined", "call:end", "call:ended", "call:rejoin", "call:renew-token",
         "call:signal", "call:offer", "call:answer", "call:ice", "call:media"];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _kit = await CallKit.StartAsync(new Dictionary<string, string?> { ["Calls:RateLimits:ActionsPerSecond"] = "0", ["Calls:RateLimits:RelaysPerSecond"] = "0" });
        await _kit.UserAsync(Alice);
        await _kit.UserAsync(Bob);
        await _kit.UserAsync(Eve);
        await _kit.UserAsync(Poor, coins: 5);
        await _kit.Server.SeedUserAsync(Offline, Offline, 1000);
        _call = await _kit.RequestAsync(Alice, Bob);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _kit.DisposeAsync();

    public static IEnumerable<TestCaseData> Cases()
    {
        var huge = new string('x', 200);
        foreach (var action in CallIdEvents)
        {
            yield return Case(action, "[]", CallErrorCode.InvalidPayload, "no payload");
            yield return Case(action, "[null]", CallErrorCode.InvalidPayload, "null");
            yield return Case(action, "[\"call\"]", CallErrorCode.InvalidPayload, "a string");
            yield return Case(action, "[42]", CallErrorCode.InvalidPayload, "a number");
            yield return Case(action, "[[]]", CallErrorCode.InvalidPayload, "an array");
            yield return Case(action, "[{}]", CallErrorCode.InvalidPayload, "no callId");
            yield return Case(action, "[{\"callId\":123}]", CallErrorCode.InvalidPayload, "numeric callId");
            yield return Case(action, "[{\"callId\":\"\"}]", CallErrorCode.InvalidPayload, "empty callId");
            yield return Case(action, $"[{{\"callId\":\"{huge}\"}}]", CallErrorCode.InvalidPayload, "huge callId");
            yield return Case(action, "[{\"callId\":\"0123456789abcdef01234567\"}]", CallErrorCode.CallNotFound, "unknown call");
            yield return Case(action, "[{\"callId\":\"$CALL\"}]", CallErrorCode.NotParticipant, "someone else's call", Eve);
            yield return Case(action, $"[{{\"callId\":\"$CALL\",\"blob\":\"{new string('y', 70_000)}\"}}]", CallErrorCode.PayloadTooLarge, "over 64 KiB");
        }
        yield return Case("call:end", "[{\"callId\":\"$CALL\",\"permanent\":\"yes\"}]", CallErrorCode.InvalidPayload, "permanent not a boolean");
        yield return Case("call:sync", "[{\"callId\":42}]", CallErrorCode.InvalidPayload, "numeric callId");
        yield return Case("call:sync", "[\"x\"]", CallErrorCode.InvalidPayload, "a string");
        yield return Case("call:sync", "[{\"callId\":\"$CALL\"}]", CallErrorCode.NotParticipant, "someone else's call", Eve);
        yield return Case("call:clear-all", "[7]", CallErrorCode.InvalidPayload, "a number");
        yield return Case("call:request", "[]", CallErrorCode.InvalidPayload, "no payload");
        yield return Case("call:request", "[{\"type\":\"audio\"}]", CallErrorCode.InvalidPayload, "no calleeId");
        yield return Case("call:request", $"[{{\"calleeId\":\"{Eve}\"}}]", CallErrorCode.InvalidPayload, "no type");
        yield return Case("call:request", $"[{{\"calleeId\":\"{Eve}\",\"type\":\"hologram\"}}]", CallErrorCode.InvalidPayload, "unknown type");
        yield return Case("call:request", $"[{{\"calleeId\":\"{Eve}\",\"type\":7}}]", CallErrorCode.InvalidPayload, "numeric type");
        yield return Case("call:request", "[{\"calleeId\":5,\"type\":\"audio\"}]", CallErrorCode.InvalidPayload, "numeric calleeId");
        yield return Case("call:request", "[{\"calleeId\":\"nobody-at-all\",\"type\":\"audio\"}]", CallErrorCode.UserNotFound, "unknown callee", Eve);
        yield return Case("call:request", $"[{{\"calleeId\":\"{Eve}\",\"type\":\"audio\"}}]", CallErrorCode.SelfCall, "self call", Eve);
        yield return Case("call:request", $"[{{\"calleeId\":\"{Offline}\",\"type\":\"audio\"}}]", CallErrorCode.CalleeOffline, "offline callee", Eve);
        yield return Case("call:request", $"[{{\"calleeId\":\"{Eve}\",\"type\":\"audio\"}}]", CallErrorCode.InsufficientCoins, "5 coins at 60/min", Poor);
        yield return Case("call:request", $"[{{\"calleeId\":\"{Eve}\",\"type\":\"audio\"}}]", CallErrorCode.CallerBusy, "already ringing", Alice);
        yield return Case("call:request", $"[{{\"calleeId\":\"{Bob}\",\"type\":\"audio\"}}]", CallErrorCode.CalleeBusy, "callee ringing", Eve);
        yield return Case("call:teleport", "[{}]", CallErrorCode.UnknownEvent, "unknown event");
        yield return Case("call:accept", "[{\"callId\":\"$CALL\"}]", CallErrorCode.NotAllowed, "the caller accepting", Alice);
        yield return Case("call:rejoin", "[{\"callId\":\"$CALL\"}]", CallErrorCode.NotInterrupted, "not away", Alice);
        yield return Case("call:joined", "[{\"callId\":\"$CALL\"}]", CallErrorCode.InvalidState, "joined while ringing", Alice);
        yield return Case("call:renew-token", "[{\"callId\":\"$CALL\"}]", CallErrorCode.InvalidState, "renew while ringing", Alice);
    }

    private static TestCaseData Case(string eventName, string args, string code, string what, string sender = Eve) =>
        new TestCaseData(eventName, args, code, sender).SetName($"{eventName} with {what} from {sender} -> {code}");

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_input_gets_its_error_and_changes_nothing(string eventName, string args, string code, string sender)
    {
        var before = await _kit.Server.Store.GetCallAsync(_call, CancellationToken.None);
        var arguments = JsonDocument.Parse(args.Replace("$CALL", _call)).RootElement.EnumerateArray().Select(e => (object?)e.Clone()).ToArray();
        var ack = await _kit.Clients.EmitAsync(sender, eventName, arguments);
        CallKit.AssertError(ack, code);
        Assert.That(ack.GetProperty("error").GetProperty("message").GetString(), Is.Not.Empty);
        var after = await _kit.Server.Store.GetCallAsync(_call, CancellationToken.None);
        Assert.That(after!.Version, Is.EqualTo(before!.Version), "a refused event changes nothing");
    }

    [Test]
    public async Task After_all_that_a_normal_call_still_works()
    {
        var (carol, dave) = (await _kit.UserAsync("bad-carol"), await _kit.UserAsync("bad-dave"));
        var callId = await _kit.StartCallAsync(carol, dave);
        CallKit.AssertOk(await _kit.Clients.EmitAsync(carol, "call:end", new { callId, permanent = true }));
        Assert.That((await _kit.Clients.NextEventAsync(dave, "call:ended")).GetProperty("reason").GetString(), Is.EqualTo("hung_up"));
    }

    [Test]
    public async Task Unknown_events_without_an_acknowledgement_are_ignored()
    {
        _kit.Clients.Emit(Eve, "call:teleport", new { });
        CallKit.AssertError(await _kit.Clients.EmitAsync(Eve, "call:teleport"), CallErrorCode.UnknownEvent);
        Assert.That(_kit.Clients.Count(Eve, "call:teleport"), Is.Zero);
    }
}
