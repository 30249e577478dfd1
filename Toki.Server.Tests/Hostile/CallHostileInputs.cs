using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// FsCheck generators of malformed input for every call event, each with the answer protocol.md documents for it:
/// wrong types, missing fields, huge numbers, lone surrogates, nested junk, binary where JSON is expected, oversized
/// arguments, unknown call ids and non-participants. None of them is a valid action, so none may change anything.
/// <c>$CALL</c> in the arguments stands for the live call's id.
/// </summary>
internal static class CallHostileInputs
{
    public const string Placeholder = """{"_placeholder":true,"num":0}""";

    private const string Alice = CallHostileServer.Alice;
    private const string Bob = CallHostileServer.Bob;
    private const string Eve = CallHostileServer.Eve;

    private static readonly string[] Participants = [Alice, Bob];
    private static readonly string[] Everyone = [Alice, Bob, Eve];

    private static readonly string[] Relays = ["call:signal", "call:offer", "call:answer", "call:ice", "call:media"];

    /// <summary>Events whose payload needs a callId (call:sync takes an optional one).</summary>
    private static readonly string[] RequiredCallId =
        ["call:accept", "call:reject", "call:cancel", "call:joined", "call:end", "call:ended", "call:rejoin", "call:renew-token", .. Relays];

    private static readonly string[] WithCallId = [.. RequiredCallId, "call:sync"];

    private static readonly string[] AllEvents = [.. WithCallId, "call:request", "call:clear-all"];

    private static readonly string[] Optional = ["call:sync", "call:clear-all"];

    public static Arbitrary<CallHostileInput> Arbitrary() => Arb.From(Any());

    public static Gen<CallHostileInput> Any() => Gen.Frequency(
        (3, NotAnObject()),
        (2, BinaryPayload()),
        (4, BadCallId()),
        (2, IllFormedNames()),
        (3, UnknownCall()),
        (3, NonParticipant()),
        (3, BadRequest()),
        (1, BadPermanent()),
        (1, Oversized()));

    /// <summary>The first argument is missing (where required), or a number, string, boolean or array.</summary>
    private static Gen<CallHostileInput> NotAnObject() =>
        from eventName in Gen.Elements(AllEvents)
        from sender in Gen.Elements(Everyone)
        from first in Optional.Contains(eventName) ? Gen.OneOf(Scalar(), JunkArray()) : Gen.OneOf(Scalar(), JunkArray(), Gen.Constant(""), Gen.Constant("null"))
        from extra in ExtraArguments()
        select new CallHostileInput(eventName, sender, Join(first, extra), [], CallErrorCode.InvalidPayload);

    /// <summary>A Buffer where the payload object belongs.</summary>
    private static Gen<CallHostileInput> BinaryPayload() =>
        from eventName in Gen.Elements(AllEvents)
        from sender in Gen.Elements(Everyone)
        from bytes in Bytes()
        select new CallHostileInput(eventName, sender, Placeholder, [bytes], CallErrorCode.InvalidPayload);

    /// <summary>A callId (or calleeId) of the wrong type, empty, too long, with lone surrogates, or binary.</summary>
    private static Gen<CallHostileInput> BadCallId() =>
        from eventName in Gen.Elements(WithCallId)
        from sender in Gen.Elements(Everyone)
        from id in Gen.OneOf(BadId(), eventName == "call:sync" ? Gen.Constant("0") : Gen.Elements("null", "0"))
        from binary in Gen.Elements(false, false, true)
        from bytes in Bytes()
        from junk in JunkFields()
        select binary
            ? new CallHostileInput(eventName, sender, $$"""{"callId":{{Placeholder}}{{junk}}}""", [bytes], CallErrorCode.InvalidPayload)
            : new CallHostileInput(eventName, sender, $$"""{"callId":{{id}}{{junk}}}""", [], CallErrorCode.InvalidPayload);

    /// <summary>A property name with a lone surrogate next to otherwise valid fields.</summary>
    private static Gen<CallHostileInput> IllFormedNames() =>
        from eventName in Gen.Elements(AllEvents)
        from sender in Gen.Elements(Everyone)
        from name in Gen.Elements("\\ud800", "x\\udc00", "\\udbff\\udbff", "\\udfff")
        from before in Gen.Elements(true, false)
        select new CallHostileInput(eventName, sender,
            before ? $$"""{"{{name}}":1,"callId":"$CALL"}""" : $$$"""{"callId":"$CALL","{{{name}}}":{"a":[1,2]}}""", [], CallErrorCode.InvalidPayload);

    /// <summary>A well-formed id of no call.</summary>
    private static Gen<CallHostileInput> UnknownCall() =>
        from eventName in Gen.Elements(WithCallId)
        from sender in Gen.Elements(Everyone)
        from id in Gen.OneOf(HexId(), SafeText(0, 60).Select(text => "id-" + text))
        from junk in JunkFields()
        select new CallHostileInput(eventName, sender, $$"""{"callId":{{JsonSerializer.Serialize(id)}}{{junk}}}""", [], CallErrorCode.CallNotFound);

    /// <summary>Eve acting on alice and bob's call.</summary>
    private static Gen<CallHostileInput> NonParticipant() =>
        from eventName in Gen.Elements(WithCallId)
        from junk in JunkFields()
        select new CallHostileInput(eventName, Eve, $$"""{"callId":"$CALL"{{junk}}}""", [], CallErrorCode.NotParticipant);

    /// <summary>call:request with a bad callee or type, an unknown callee, a self call, or a busy side.</summary>
    private static Gen<CallHostileInput> BadRequest() => Gen.OneOf(
        from callee in BadId()
        from type in Gen.Elements("\"audio\"", "\"video\"")
        select new CallHostileInput("call:request", Eve, $$"""{"calleeId":{{callee}},"type":{{type}}}""", [], CallErrorCode.InvalidPayload),
        from type in Gen.OneOf(BadId(), Gen.Elements("\"Audio\"", "\"hologram\"", "\"\"", "null"))
        select new CallHostileInput("call:request", Eve, $$"""{"calleeId":"{{Bob}}","type":{{type}}}""", [], CallErrorCode.InvalidPayload),
        from callee in SafeText(0, 60)
        select new CallHostileInput("call:request", Eve, $$"""{"calleeId":{{JsonSerializer.Serialize("nobody-" + callee)}},"type":"audio"}""", [], CallErrorCode.UserNotFound),
        Gen.Constant(new CallHostileInput("call:request", Eve, $$"""{"calleeId":"{{Eve}}","type":"video"}""", [], CallErrorCode.SelfCall)),
        Gen.Constant(new CallHostileInput("call:request", Eve, $$"""{"calleeId":"{{Alice}}","type":"video"}""", [], CallErrorCode.CalleeBusy)),
        from sender in Gen.Elements(Participants)
        select new CallHostileInput("call:request", sender, $$"""{"calleeId":"{{Eve}}","type":"audio"}""", [], CallErrorCode.CallerBusy));

    /// <summary>call:end from a participant with a permanent that is not a boolean.</summary>
    private static Gen<CallHostileInput> BadPermanent() =>
        from eventName in Gen.Elements("call:end", "call:ended")
        from sender in Gen.Elements(Participants)
        from value in Gen.OneOf(Scalar().Where(v => v is not ("true" or "false" or "null")), JunkArray(), JunkObject(2))
        select new CallHostileInput(eventName, sender, $$"""{"callId":"$CALL","permanent":{{value}}}""", [], CallErrorCode.InvalidPayload);

    /// <summary>Arguments above 64 KiB, as JSON or as an attachment, on any event and from anyone.</summary>
    private static Gen<CallHostileInput> Oversized() =>
        from eventName in Gen.Elements(AllEvents)
        from sender in Gen.Elements(Everyone)
        from over in Gen.Choose(1, 4096)
        from binary in Gen.Elements(true, false)
        select binary
            ? new CallHostileInput(eventName, sender, $$"""{"callId":"$CALL","blob":{{Placeholder}}}""", [new byte[(64 * 1024) + over]], CallErrorCode.PayloadTooLarge)
            : new CallHostileInput(eventName, sender, $$"""{"callId":"$CALL","pad":"{{new string('x', (64 * 1024) + over)}}"}""", [], CallErrorCode.PayloadTooLarge);

    private static Gen<string> BadId() => Gen.OneOf(
        Gen.Elements("123", "-0", "1e308", "123456789012345678901234567890", "true", "false", "{}", "[]", "\"\"", "\"   \"", "\"\\t\"",
            "\"\\ud800\"", "\"a\\udc00\"", "\"\\udc00\\ud800\"", "\"\\ud800\\ud800\"", "\"\\udbffx\"", "\"\\ud83d\"", "\"\\ude00\""),
        Gen.Choose(129, 400).Select(length => JsonSerializer.Serialize(new string('i', length))),
        JunkObject(2),
        JunkArray());

    private static Gen<string> Scalar() => Gen.OneOf(
        Gen.Elements("0", "-0", "1.5", "-1e-308", "1e308", "9223372036854775808", "123456789012345678901234567890", "true", "false",
            "\"\"", "\"x\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"é\"", "\"😀\"", "\"call:end\""),
        Gen.Choose(int.MinValue, int.MaxValue).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        SafeText(0, 20).Select(text => JsonSerializer.Serialize(text)));

    /// <summary>Nested arrays and objects of scalars (no placeholders: binary is generated on purpose only).</summary>
    private static Gen<string> Junk(int depth) => depth <= 0
        ? Scalar()
        : Gen.Frequency((3, Scalar()), (1, JunkArray(depth - 1)), (1, JunkObject(depth - 1)));

    private static Gen<string> JunkArray(int depth = 3) =>
        Gen.Choose(0, 4).SelectMany(count => Gen.ListOf(Junk(depth), count)).Select(items => "[" + string.Join(",", items) + "]");

    private static Gen<string> JunkObject(int depth) =>
        Gen.Choose(0, 4).SelectMany(count => Gen.ListOf(Gen.Zip(Gen.Elements("a", "type", "calleeId", "from", "num", "__proto__", "constructor", "é", "\\u00e9", ""), Junk(depth)), count))
            .Select(fields => "{" + string.Join(",", fields.Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}");

    /// <summary>Fields after the id: nothing, or junk under names the events do not read.</summary>
    private static Gen<string> JunkFields() => Gen.Frequency(
        (2, Gen.Constant("")),
        (1, Junk(3).Select(junk => $",\"extra\":{junk}")),
        (1, JunkObject(2).Select(junk => $",\"data\":{junk},\"from\":\"mallory\"")));

    private static Gen<string> ExtraArguments() => Gen.Frequency(
        (3, Gen.Constant("")),
        (1, Junk(2)));

    private static Gen<string> HexId() => Gen.ArrayOf(Gen.Choose(0, 15), 24).Select(digits => string.Concat(digits.Select(d => "0123456789abcdef"[d])));

    /// <summary>Text of <paramref name="min"/> to <paramref name="max"/> well-formed characters (ASCII, accented, CJK, emoji, quotes).</summary>
    private static Gen<string> SafeText(int min, int max) =>
        from length in Gen.Choose(min, max)
        from chars in Gen.ArrayOf(Gen.Elements("a", "Z", "0", "-", "_", " ", "é", "ß", "日", "😀", "\"", "\\"), length)
        select string.Concat(chars);

    private static Gen<byte[]> Bytes() => Gen.Choose(0, 64).SelectMany(length => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length));

    private static string Join(string first, string extra) =>
        first.Length == 0 ? "" : extra.Length == 0 ? first : $"{first},{extra}";
}
