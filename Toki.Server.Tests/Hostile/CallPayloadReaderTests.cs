using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Gateway;
using Toki.SocketIO;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// The gateway's payload reading as pure tables over exact wire bytes: every id of every event goes through
/// <see cref="EventPayload"/>, which turns ill-formed text (invalid UTF-8, lone UTF-16 surrogate escapes, in values or
/// in property names) and binary where JSON is expected into <c>invalid_payload</c> instead of an exception; the relay
/// writer copies the object byte for byte and carries binary values on as renumbered attachments.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallPayloadReaderTests
{
    private static SocketIOArgs Args(byte[] argumentsJson, params byte[][] attachments)
    {
        var array = new byte[argumentsJson.Length + 2];
        array[0] = (byte)'[';
        argumentsJson.CopyTo(array, 1);
        array[^1] = (byte)']';
        return new SocketIOArgs(JsonDocument.Parse(array), 0, attachments, array.Length, JsonSerializerOptions.Default);
    }

    private static SocketIOArgs Args(string argumentsJson, params byte[][] attachments) => Args(Encoding.UTF8.GetBytes(argumentsJson), attachments);

    private static readonly byte[] Blob = [1, 2, 3];

    /// <summary>How <see cref="EventPayload"/> reads the payload and its callId: "ok &lt;id&gt;", "absent" or the refusal's message.</summary>
    private static string ReadCallId(SocketIOArgs args, bool optional = false)
    {
        if (EventPayload.TryRead(args, optional, out var payload) is { } refused)
        {
            return $"{refused.Code}: {refused.Message}";
        }
        if (optional)
        {
            return payload.OptionalId("callId", out var maybe) is { } bad ? $"{bad.Code}: {bad.Message}" : maybe is null ? "absent" : $"ok {maybe}";
        }
        return payload.RequiredId("callId", out var id) is { } error ? $"{error.Code}: {error.Message}" : $"ok {id}";
    }

    private const string NotWellFormed = "invalid_payload: 'callId' must be well-formed text (no lone UTF-16 surrogates).";
    private const string BadNames = "invalid_payload: The payload must be well-formed text.";
    private const string Binary = "invalid_payload: The payload must be an object, not binary data.";

    private static IEnumerable<TestCaseData> CallIds()
    {
        static TestCaseData Row(string json, string expected, string name) => new TestCaseData(json, expected).SetName($"callId: {name}");

        yield return Row("""{"callId":"abc"}""", "ok abc", "plain");
        yield return Row("""{"callId":"\ud83d\ude00"}""", "ok \U0001F600", "an escaped surrogate pair is well-formed");
        yield return Row("""{"callId":"é😀"}""", "ok é😀", "raw non-ASCII UTF-8");
        yield return Row("""{"callId":"a\nb"}""", "ok a\nb", "an escaped newline");
        yield return Row("""{"callId":"\ud800"}""", NotWellFormed, "a lone high surrogate");
        yield return Row("""{"callId":"\uDBFF"}""", NotWellFormed, "a lone high surrogate in upper case");
        yield return Row("""{"callId":"x\udc00"}""", NotWellFormed, "a lone low surrogate");
        yield return Row("""{"callId":"\udc00\ud800"}""", NotWellFormed, "a reversed pair");
        yield return Row("""{"callId":"\ud800\ud800"}""", NotWellFormed, "two high surrogates");
        yield return Row("""{"callId":"\ud800x"}""", NotWellFormed, "a high surrogate before a character");
        yield return Row("""{"callId":"\ud800\n"}""", NotWellFormed, "a high surrogate before another escape");
        yield return Row("""{"callId":"\ud800\u0041"}""", NotWellFormed, "a high surrogate before an escaped letter");
        yield return Row("""{"\ud800":1,"callId":"abc"}""", BadNames, "a lone surrogate in another property's name, before");
        yield return Row("""{"callId":"abc","\udc00x":1}""", BadNames, "a lone surrogate in another property's name, after");
        yield return Row("""{"callId":"abc","nested":{"\ud800":"\udc00"}}""", "ok abc", "lone surrogates nested deeper are the peer's business");
        yield return Row("""{"callId":{"_placeholder":true,"num":0}}""", "invalid_payload: 'callId' must be a string.", "binary where the id should be");
        yield return Row("""{"callId":""}""", "invalid_payload: 'callId' must be a non-empty string of at most 128 characters.", "empty");
        yield return Row($$"""{"callId":"{{new string('x', 129)}}"}""", "invalid_payload: 'callId' must be a non-empty string of at most 128 characters.", "129 characters");
        yield return Row("""{"callId":123456789012345678901234567890}""", "invalid_payload: 'callId' must be a string.", "a huge number");
    }

    [TestCaseSource(nameof(CallIds))]
    public void ReadsTheCallId(string json, string expected) => Assert.That(ReadCallId(Args(json, Blob)), Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> RawBytes()
    {
        static TestCaseData Row(byte[] json, string expected, string name) => new TestCaseData(json, expected).SetName($"bytes: {name}");
        static byte[] B(string before, byte[] middle, string after) => [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

        yield return Row(B("""{"callId":"a""", [0xFF], "\"}"), BadNames, "an invalid UTF-8 byte in the id");
        yield return Row(B("""{"callId":"a""", [0xED, 0xA0, 0x80], "\"}"), BadNames, "a surrogate encoded as UTF-8");
        yield return Row(B("{\"callId\":\"abc\",\"x\":\"", [0xC3], "\"}"), BadNames, "a truncated sequence in another field");
        yield return Row(B("{\"callId\":\"abc\",\"", [0xFE], "\":1}"), BadNames, "an invalid byte in a property name");
    }

    [TestCaseSource(nameof(RawBytes))]
    public void RefusesInvalidUtf8Anywhere(byte[] json, string expected) => Assert.That(ReadCallId(Args(json)), Is.EqualTo(expected));

    private static IEnumerable<TestCaseData> Shapes()
    {
        static TestCaseData Row(string json, bool attached, bool optional, string expected, string name) =>
            new TestCaseData(json, attached, optional, expected).SetName($"payload: {name}");

        yield return Row("""{"_placeholder":true,"num":0}""", true, true, Binary, "a Buffer as the only argument of call:sync");
        yield return Row("""{"_placeholder":true,"num":0}""", true, false, Binary, "a Buffer as the payload of call:accept");
        yield return Row("""{"num":0,"_placeholder":true}""", true, true, Binary, "a placeholder written the other way round");
        yield return Row("""{"_placeholder":true,"num":7}""", true, true, Binary, "a placeholder for an attachment that does not exist");
        yield return Row("""{"_placeholder":true,"num":0}""", false, true, "absent", "without attachments a placeholder is plain JSON, as for the reference parser");
        yield return Row("""{"_placeholder":false,"num":0}""", true, true, "absent", "_placeholder false is plain JSON");
        yield return Row("", false, true, "absent", "no payload where it is optional");
        yield return Row("null", false, true, "absent", "null where it is optional");
        yield return Row("", false, false, "invalid_payload: The payload must be an object.", "no payload where it is required");
        yield return Row("\"\\ud800\"", false, true, "invalid_payload: The payload must be an object.", "a lone surrogate string as the payload");
    }

    [TestCaseSource(nameof(Shapes))]
    public void ReadsThePayloadForWhatItIs(string json, bool attached, bool optional, string expected) =>
        Assert.That(ReadCallId(attached ? Args(json, Blob) : Args(json), optional), Is.EqualTo(expected));

    [TestCase("\"\\ud800\"", TestName = "type: a lone surrogate is not a call type")]
    [TestCase("\"aud\\udc00io\"", TestName = "type: a lone surrogate inside audio")]
    public void ReadsTheCallType(string type)
    {
        Assert.That(EventPayload.TryRead(Args($$"""{"calleeId":"bob","type":{{type}}}"""), false, out var payload), Is.Null);
        Assert.That(payload.CallType(out _)?.Code, Is.EqualTo("invalid_payload"));
    }

    private static readonly JsonEncodedText From = JsonEncodedText.Encode("alice", JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private static IEnumerable<TestCaseData> Relays()
    {
        static TestCaseData Row(string json, int attachments, string? expected, string name, int[]? order = null) =>
            new TestCaseData(json, attachments, expected, order ?? [.. Enumerable.Range(0, attachments)]).SetName($"relay: {name}");

        yield return Row("""{"callId":"c","sdp":"v=0"}""", 0, """{"callId":"c","sdp":"v=0","from":"alice"}""", "plain JSON, from appended");
        yield return Row("""{"callId":"c","from":"mallory","fro\u006d":"x"}""", 0, """{"callId":"c","from":"alice"}""", "every spelling of a client's from is dropped");
        yield return Row("""{ "callId" : "c" , "x" : [1, {"y":"\ud800"}] }""", 0, """{"callId":"c","x":[1, {"y":"\ud800"}],"from":"alice"}""", "values and escapes verbatim");
        yield return Row("""{"callId":"c","a\"b":1,"\u00e9":2}""", 0, """{"callId":"c","a\"b":1,"\u00e9":2,"from":"alice"}""", "escaped names verbatim");
        yield return Row("""{"callId":"c","blob":{"_placeholder":true,"num":0}}""", 1, """{"callId":"c","blob":{"_placeholder":true,"num":0},"from":"alice"}""", "one Buffer");
        yield return Row("""{"callId":"c","parts":[{"_placeholder":true,"num":1},{"k":{"_placeholder":true,"num":0}}]}""", 2,
            """{"callId":"c","parts":[{"_placeholder":true,"num":0},{"k":{"_placeholder":true,"num":1}}],"from":"alice"}""", "nested Buffers are renumbered in order", [1, 0]);
        yield return Row("""{"callId":"c","blob":{"num":0,"_placeholder":true,"extra":1}}""", 1, """{"callId":"c","blob":{"_placeholder":true,"num":0},"from":"alice"}""", "a placeholder is rewritten in its plain form");
        yield return Row("""{"callId":"c","blob":{"_placeholder":true,"num":1}}""", 1, null, "a placeholder for an attachment that does not exist");
        yield return Row("""{"callId":"c","blob":{"_placeholder":true,"num":-1}}""", 1, null, "a negative placeholder number");
        yield return Row("""{"callId":"c","blob":{"_placeholder":true,"num":"0"}}""", 1, null, "a placeholder number that is a string");
        yield return Row("""{"callId":"c","blob":{"_placeholder":true}}""", 1, null, "a placeholder without a number");
    }

    [TestCaseSource(nameof(Relays))]
    public void WritesTheRelay(string json, int attachments, string? expected, int[] order)
    {
        byte[][] received = [.. Enumerable.Range(0, attachments).Select(i => new[] { (byte)i, (byte)(i + 10) })];
        using var args = Args(json, received);

        var written = RelayMessageWriter.TryWrite(args[0], args.Attachments, From, out var relayed);

        Assert.That(written, Is.EqualTo(expected is not null));
        if (expected is null)
        {
            return;
        }
        Assert.That(Encoding.UTF8.GetString(relayed.Utf8Json.Span), Is.EqualTo(expected));
        Assert.That(relayed.Attachments.Select(a => a.ToArray()), Is.EqualTo(order.Select(i => received[i])), "the bytes, in placeholder order");
    }

    [TestCase("", true, TestName = "text: empty")]
    [TestCase("\\ud83d\\ude00", true, TestName = "text: an escaped pair")]
    [TestCase("\\\\ud800", true, TestName = "text: an escaped backslash, then plain text")]
    [TestCase("\\ud83d", false, TestName = "text: a high surrogate at the very end")]
    [TestCase("\\ude00", false, TestName = "text: a low surrogate alone")]
    [TestCase("\\", false, TestName = "text: a lone backslash at the end")]
    [TestCase("\\u12", false, TestName = "text: a truncated escape")]
    [TestCase("\\uZZZZ", false, TestName = "text: an escape that is not hex")]
    public void ScansEscapes(string text, bool wellFormed) => Assert.That(WellFormedJsonText.IsWellFormed(Encoding.UTF8.GetBytes(text)), Is.EqualTo(wellFormed));
}
