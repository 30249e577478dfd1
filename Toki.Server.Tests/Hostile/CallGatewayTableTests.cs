using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// The hostile cases of issue 11 through the whole server, as exact wire packets from a raw client: lone surrogates
/// in ids and names, binary where JSON is expected, attachments and the event limit at its exact boundary, and
/// <c>call:sync</c> with no call. Each input gets its documented answer, changes nothing stored, and logs no error.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Functional)]
internal sealed class CallGatewayTableTests
{
    private const int Limit = 64 * 1024;
    private const string Alice = CallHostileServer.Alice;
    private const string Eve = CallHostileServer.Eve;
    private const string Placeholder = """{"_placeholder":true,"num":0}""";
    private CallHostileServer _server = null!;

    private static readonly string[] CallIdEvents =
        ["call:accept", "call:reject", "call:cancel", "call:joined", "call:end", "call:ended", "call:rejoin", "call:renew-token", "call:sync",
         "call:signal", "call:offer", "call:answer", "call:ice", "call:media"];

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await CallHostileServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Assert.That(_server.ErrorLogs, Is.Empty, "no input logged an error");
        await _server.DisposeAsync();
    }

    private static TestCaseData Row(string eventName, string args, string expected, string what, string sender = Alice, int attachment = 0) =>
        new TestCaseData(eventName, args, attachment, sender, expected).SetName($"{eventName} {what} -> {expected}");

    public static IEnumerable<TestCaseData> Refusals()
    {
        foreach (var eventName in CallIdEvents)
        {
            yield return Row(eventName, """{"callId":"\ud800"}""", CallErrorCode.InvalidPayload, "with a lone high surrogate as callId");
            yield return Row(eventName, """{"callId":"$CALL","\udc00":1}""", CallErrorCode.InvalidPayload, "with a lone surrogate in a property name");
        }
        yield return Row("call:accept", """{"callId":"x\udc00"}""", CallErrorCode.InvalidPayload, "with a lone low surrogate");
        yield return Row("call:end", """{"callId":"\udc00\ud800"}""", CallErrorCode.InvalidPayload, "with a reversed pair");
        yield return Row("call:end", """{"\ud800":1,"callId":"$CALL","permanent":true}""", CallErrorCode.InvalidPayload, "with a lone surrogate in a name before callId");
        yield return Row("call:request", """{"calleeId":"\ud800","type":"audio"}""", CallErrorCode.InvalidPayload, "with a lone surrogate as calleeId", Eve);
        yield return Row("call:request", """{"calleeId":"hostile-bob","type":"\ud800"}""", CallErrorCode.InvalidPayload, "with a lone surrogate as type", Eve);
        yield return Row("call:clear-all", """{"\ud800":0}""", CallErrorCode.InvalidPayload, "with a lone surrogate in a name (the call is not cleared)");
        yield return Row("call:accept", """{"callId":"\ud83d\ude00"}""", CallErrorCode.CallNotFound, "with a well-formed surrogate pair");

        yield return Row("call:sync", Placeholder, CallErrorCode.InvalidPayload, "with a Buffer as its only argument", attachment: 16);
        yield return Row("call:clear-all", Placeholder, CallErrorCode.InvalidPayload, "with a Buffer as its only argument", attachment: 16);
        yield return Row("call:accept", Placeholder, CallErrorCode.InvalidPayload, "with a Buffer as the payload", attachment: 16);
        yield return Row("call:end", $$"""{"callId":{{Placeholder}}}""", CallErrorCode.InvalidPayload, "with a Buffer as callId", attachment: 24);
        yield return Row("call:end", $$"""{"callId":"$CALL","permanent":{{Placeholder}}}""", CallErrorCode.InvalidPayload, "with a Buffer as permanent", attachment: 1);
        yield return Row("call:request", $$"""{"calleeId":{{Placeholder}},"type":"audio"}""", CallErrorCode.InvalidPayload, "with a Buffer as calleeId", Eve, attachment: 11);
        yield return Row("call:signal", $$"""{"callId":"$CALL","blob":{{Placeholder}}}""", CallErrorCode.PayloadTooLarge, "with a 300 KB Buffer", attachment: 300_000);
        yield return Row("call:end", $$"""{"callId":"$CALL","blob":{{Placeholder}}}""", CallErrorCode.PayloadTooLarge, "with a 300 KB Buffer", attachment: 300_000);
        yield return Row("call:media", $$"""{"callId":"$CALL","blob":{{Placeholder}}}""", CallErrorCode.PayloadTooLarge, "with JSON and a Buffer one byte over the limit", attachment: Limit + 1);
        yield return Row("call:signal", """{"callId":"$CALL","pad":"$PAD"}""", CallErrorCode.PayloadTooLarge, "with arguments one byte over the limit", attachment: -(Limit + 1));
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Hostile_input_gets_its_error_and_changes_nothing(string eventName, string args, int attachment, string sender, string expected)
    {
        var before = await _server.StateAsync();
        var (json, attachments) = Build(args, attachment);

        var ack = await _server[sender].EmitAsync(eventName, json, attachments);

        Assert.That(ack.GetProperty("ok").GetBoolean(), Is.False, ack.GetRawText());
        Assert.That(ack.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(expected), ack.GetRawText());
        Assert.That(await _server.StateAsync(), Is.EqualTo(before), "a refused event changes nothing");
    }

    public static IEnumerable<TestCaseData> Accepted()
    {
        yield return Row("call:signal", """{"callId":"$CALL","pad":"$PAD"}""", "ok", "with arguments of exactly 64 KiB (the event name is not counted)", attachment: -Limit);
        yield return Row("call:signal", $$"""{"callId":"$CALL","blob":{{Placeholder}}}""", "ok", "with JSON and a Buffer of exactly 64 KiB together", attachment: Limit);
        yield return Row("call:ice", """{"callId":"$CALL","candidate":"\ud800","nested":{"\ud800":[1]}}""", "ok", "with lone surrogates below the top level (relayed unchanged)");
    }

    [TestCaseSource(nameof(Accepted))]
    public async Task Relays_within_the_limit_are_accepted(string eventName, string args, int attachment, string sender, string expected)
    {
        var (json, attachments) = Build(args, attachment);

        var ack = await _server[sender].EmitAsync(eventName, json, attachments);

        Assert.That(ack.GetRawText(), Is.EqualTo("""{"ok":true}"""));
    }

    [Test]
    public async Task Lone_surrogates_below_the_top_level_reach_the_peer_as_sent()
    {
        var args = """{"callId":"$CALL","candidate":"a\ud800b","nested":{"\udc00":"x"}}""".Replace("$CALL", _server.CallId, StringComparison.Ordinal);
        Assert.That((await _server[Alice].EmitAsync("call:ice", args)).GetRawText(), Is.EqualTo("""{"ok":true}"""));

        var expected = $$"""42["call:ice",{"callId":"{{_server.CallId}}","candidate":"a\ud800b","nested":{"\udc00":"x"},"from":"hostile-alice"}""";
        await _server[CallHostileServer.Bob].WaitForEventAsync(e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [TestCase("", TestName = "call:sync with no payload and no live call -> { ok: true, call: null }")]
    [TestCase("{}", TestName = "call:sync with {} and no live call -> { ok: true, call: null }")]
    [TestCase("null", TestName = "call:sync with null and no live call -> { ok: true, call: null }")]
    public async Task Sync_without_a_live_call_answers_no_call(string args)
    {
        var ack = await _server[Eve].EmitAsync("call:sync", args);

        Assert.That(ack.GetRawText(), Is.EqualTo("""{"ok":true,"call":null}"""));
    }

    /// <summary>
    /// The wire arguments: <c>$CALL</c> is the live call; a positive <paramref name="attachment"/> attaches that many bytes
    /// less the JSON's own length (so JSON and binary together are exactly that), a negative one pads <c>$PAD</c> until
    /// the JSON alone is exactly that long. Placeholder rows with a small size attach exactly that many bytes.
    /// </summary>
    private (string Json, IReadOnlyList<byte[]>? Attachments) Build(string args, int attachment)
    {
        var json = args.Replace("$CALL", _server.CallId, StringComparison.Ordinal);
        if (attachment < 0)
        {
            var target = -attachment;
            json = json.Replace("$PAD", new string('x', target - (Encoding.UTF8.GetByteCount(json) - "$PAD".Length)), StringComparison.Ordinal);
            Assert.That(Encoding.UTF8.GetByteCount(json), Is.EqualTo(target));
            return (json, null);
        }
        if (attachment == 0 || !json.Contains("_placeholder", StringComparison.Ordinal))
        {
            return (json, null);
        }
        var size = attachment >= Limit ? attachment - Encoding.UTF8.GetByteCount(json) : attachment;
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return (json, [bytes]);
    }
}
