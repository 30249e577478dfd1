using System.Text;
using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Notices;
using Toki.Calls.Service;
using Toki.Server.Media;
using Toki.Server.Wire;
using static Toki.Server.Tests.Wire.WireSamples;

namespace Toki.Server.Tests.Wire;

/// <summary>
/// §4 of protocol.md, pinned: every notice of the call service becomes exactly this event name and this JSON
/// (property names and order, nulls written, UTC timestamps with milliseconds, text unescaped).
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallEventsTests
{
    private const string CallId = "0123456789abcdef01234567";

    private static IEnumerable<TestCaseData> Events()
    {
        yield return Case("no live call", new CallNotice.State(null, null), "call:state", """{"call":null,"you":null}""");
        yield return Case("live call, away", new CallNotice.State(Snapshot, new ParticipantState(true, true, At.AddSeconds(15))),
            "call:state", $$$"""{"call":{{{SnapshotJson}}},"you":{"away":true,"canRejoin":true,"rejoinDeadline":"2030-01-01T08:00:15.250Z"}}""");
        yield return Case("live call, present", new CallNotice.State(Snapshot, new ParticipantState(false, false, null)),
            "call:state", $$$"""{"call":{{{SnapshotJson}}},"you":{"away":false,"canRejoin":false,"rejoinDeadline":null}}""");
        yield return Case("incoming", new CallNotice.Incoming(CallId, "alice", new CallParty("alice", "Zoë \"Z\" <b>"), CallType.Video, At),
            "call:incoming", $$"""{"callId":"{{CallId}}","callerId":"alice","caller":{"id":"alice","name":"Zoë \"Z\" <b>"},"type":"video","expiresAt":{{AtJson}}}""");
        yield return Case("incoming, audio, no expiry, text to escape",
            new CallNotice.Incoming("c\"1\\", "al\"ice\u0001", new CallParty("al\"ice\u0001", "Ana 😀 & 'x' +\t\u2028é"), CallType.Audio, null),
            "call:incoming", """{"callId":"c\"1\\","callerId":"al\"ice\u0001","caller":{"id":"al\"ice\u0001","name":"Ana \uD83D\uDE00 & 'x' +\t\u2028é"},"type":"audio","expiresAt":null}""");
        yield return Case("ringing", new CallNotice.Ringing(CallId, "bob", At), "call:ringing",
            $$"""{"callId":"{{CallId}}","calleeId":"bob","expiresAt":{{AtJson}}}""");
        yield return Case("proceed, caller, WebRTC", new CallNotice.Proceed(CallId, CallRole.Caller, CallType.Audio, 300, 299, WebRtc), "call:proceed",
            $$"""{"callId":"{{CallId}}","role":"caller","type":"audio","durationLimit":300,"remainingTime":299,"media":{{WebRtcJson}}}""");
        yield return Case("proceed, callee, Agora", new CallNotice.Proceed(CallId, CallRole.Callee, CallType.Video, 60, 60, Agora), "call:proceed",
            $$"""{"callId":"{{CallId}}","role":"callee","type":"video","durationLimit":60,"remainingTime":60,"media":{{AgoraJson}}}""");
        yield return Case("proceed, caller, Agora", new CallNotice.Proceed(CallId, CallRole.Caller, CallType.Audio, 0, 0, Agora), "call:proceed",
            $$"""{"callId":"{{CallId}}","role":"caller","type":"audio","durationLimit":0,"remainingTime":0,"media":{{AgoraJson}}}""");
        yield return Case("proceed, callee, WebRTC, no ICE servers, id to escape",
            new CallNotice.Proceed("c\"<1>", CallRole.Callee, CallType.Video, int.MaxValue, -1, new WebRtcMediaCredentials(false, [])), "call:proceed",
            """{"callId":"c\"<1>","role":"callee","type":"video","durationLimit":2147483647,"remainingTime":-1,"media":{"provider":"webrtc","initiator":false,"iceServers":[]}}""");
        yield return Case("started", new CallNotice.Started(CallId, At, 300), "call:started",
            $$"""{"callId":"{{CallId}}","startedAt":{{AtJson}},"remainingTime":300}""");
        yield return Case("started, no start time, id to escape", new CallNotice.Started("c\"1\\é", null, 0), "call:started",
            """{"callId":"c\"1\\é","startedAt":null,"remainingTime":0}""");
        yield return Case("interrupted", new CallNotice.Interrupted(CallId, 200, At, true), "call:interrupted",
            $$"""{"callId":"{{CallId}}","remainingTime":200,"rejoinDeadline":{{AtJson}},"canRejoin":true}""");
        yield return Case("peer interrupted", new CallNotice.PeerInterrupted(CallId, "bob", 200, At), "call:peer-interrupted",
            $$"""{"callId":"{{CallId}}","userId":"bob","remainingTime":200,"rejoinDeadline":{{AtJson}}}""");
        yield return Case("rejoined", new CallNotice.Rejoined(CallId, CallStatus.Active, WebRtc, 190), "call:rejoined",
            $$"""{"callId":"{{CallId}}","status":"active","media":{{WebRtcJson}},"remainingTime":190}""");
        yield return Case("peer rejoined", new CallNotice.PeerRejoined(CallId, "bob", CallStatus.Accepted, 300), "call:peer-rejoined",
            $$"""{"callId":"{{CallId}}","userId":"bob","status":"accepted","remainingTime":300}""");
        yield return Case("peer resumed", new CallNotice.PeerResumed(CallId, "bob", false), "call:peer-resumed",
            $$"""{"callId":"{{CallId}}","userId":"bob","initiator":false}""");
        yield return Case("time warning", new CallNotice.TimeWarning(CallId, 60), "call:time-warning",
            $$"""{"callId":"{{CallId}}","remainingTime":60}""");
        yield return Case("ended", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.HungUp, 121, 21, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"hung_up","billedSeconds":121,"coinsCharged":21,"endedAt":{{AtJson}}}""");
        yield return Case("missed", new CallNotice.Ended(CallId, CallStatus.Missed, CallEndReason.NoAnswer, 0, 0, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"missed","reason":"no_answer","billedSeconds":0,"coinsCharged":0,"endedAt":{{AtJson}}}""");
        yield return Case("rejected", new CallNotice.Ended(CallId, CallStatus.Rejected, CallEndReason.Rejected, 0, 0, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"rejected","reason":"rejected","billedSeconds":0,"coinsCharged":0,"endedAt":{{AtJson}}}""");
        yield return Case("cancelled", new CallNotice.Ended(CallId, CallStatus.Cancelled, CallEndReason.Cancelled, 0, 0, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"cancelled","reason":"cancelled","billedSeconds":0,"coinsCharged":0,"endedAt":{{AtJson}}}""");
        yield return Case("caller gone while ringing", new CallNotice.Ended(CallId, CallStatus.Cancelled, CallEndReason.CallerDisconnected, 0, 0, At),
            "call:ended", $$"""{"callId":"{{CallId}}","status":"cancelled","reason":"caller_disconnected","billedSeconds":0,"coinsCharged":0,"endedAt":{{AtJson}}}""");
        yield return Case("disconnected", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.Disconnected, 5, 1, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"disconnected","billedSeconds":5,"coinsCharged":1,"endedAt":{{AtJson}}}""");
        yield return Case("connect timeout", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.ConnectTimeout, 0, 0, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"connect_timeout","billedSeconds":0,"coinsCharged":0,"endedAt":{{AtJson}}}""");
        yield return Case("completed", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.Completed, 300, 50, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"completed","billedSeconds":300,"coinsCharged":50,"endedAt":{{AtJson}}}""");
        yield return Case("rejoin timeout", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.RejoinTimeout, 61, 11, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"rejoin_timeout","billedSeconds":61,"coinsCharged":11,"endedAt":{{AtJson}}}""");
        yield return Case("cleared", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.Cleared, 0, 0, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"cleared","billedSeconds":0,"coinsCharged":0,"endedAt":{{AtJson}}}""");
        yield return Case("out of coins", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.InsufficientCoins, 600, 100, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"insufficient_coins","billedSeconds":600,"coinsCharged":100,"endedAt":{{AtJson}}}""");
        yield return Case("ended by admin", new CallNotice.Ended(CallId, CallStatus.Ended, CallEndReason.EndedByAdmin, 1, long.MaxValue, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"ended_by_admin","billedSeconds":1,"coinsCharged":9223372036854775807,"endedAt":{{AtJson}}}""");
        yield return Case("ended, no reason, no end time, text to escape", new CallNotice.Ended("c\"1<", CallStatus.Ended, null, 0, -1, null), "call:ended",
            """{"callId":"c\"1<","status":"ended","reason":null,"billedSeconds":0,"coinsCharged":-1,"endedAt":null}""");
        yield return Case("ended, reason to escape", new CallNotice.Ended(CallId, CallStatus.Ended, "why \"not\" é\n", 0, 0, At), "call:ended",
            $$"""{"callId":"{{CallId}}","status":"ended","reason":"why \"not\" é\n","billedSeconds":0,"coinsCharged":0,"endedAt":{{AtJson}}}""");
        yield return Case("cleared after an end", new CallNotice.Cleared(CallId, CallEndReason.Completed), "call:clear-all",
            $$"""{"callId":"{{CallId}}","reason":"completed"}""");
        yield return Case("cleared, nothing live", new CallNotice.Cleared(null, CallEndReason.Cleared), "call:clear-all",
            """{"callId":null,"reason":"cleared"}""");
        yield return Case("cleared, no reason", new CallNotice.Cleared(CallId, null), "call:clear-all",
            $$"""{"callId":"{{CallId}}","reason":null}""");
        yield return Case("cleared, nothing at all", new CallNotice.Cleared(null, null), "call:clear-all", """{"callId":null,"reason":null}""");
        yield return Case("cleared, text to escape", new CallNotice.Cleared("c\"1\\", "r<\"é\">"), "call:clear-all",
            """{"callId":"c\"1\\","reason":"r<\"é\">"}""");
        yield return Case("answered elsewhere", new CallNotice.AnsweredElsewhere(CallId), "call:clear-all",
            $$"""{"callId":"{{CallId}}","reason":"answered_elsewhere"}""");
        yield return Case("wallet", new CallNotice.WalletUpdated(9_223_372_036_854_775_807, 50, 0), "wallet:updated",
            """{"coins":9223372036854775807,"heldCoins":50,"earnings":0}""");
        yield return Case("wallet, negative and zero", new CallNotice.WalletUpdated(-9_223_372_036_854_775_808, 0, -1), "wallet:updated",
            """{"coins":-9223372036854775808,"heldCoins":0,"earnings":-1}""");
    }

    [TestCaseSource(nameof(Events))]
    public void A_notice_is_written_as_its_event(CallNotice notice, string eventName, string json)
    {
        var (name, payload) = CallEvents.Encode(notice);

        Assert.That((name, Encoding.UTF8.GetString(payload.Utf8Json.Span)), Is.EqualTo((eventName, json)));
    }

    [Test]
    public void The_setup_payloads_are_never_read()
    {
        var json = WireJson.Context;

        Assert.Multiple(() =>
        {
            Assert.That(() => JsonSerializer.Deserialize("{}", json.Incoming), Throws.TypeOf<NotSupportedException>());
            Assert.That(() => JsonSerializer.Deserialize("{}", json.Proceed), Throws.TypeOf<NotSupportedException>());
            Assert.That(() => JsonSerializer.Deserialize("{}", json.Started), Throws.TypeOf<NotSupportedException>());
            Assert.That(() => JsonSerializer.Deserialize("{}", json.Ended), Throws.TypeOf<NotSupportedException>());
            Assert.That(() => JsonSerializer.Deserialize("{}", json.ClearAll), Throws.TypeOf<NotSupportedException>());
            Assert.That(() => JsonSerializer.Deserialize("{}", json.Wallet), Throws.TypeOf<NotSupportedException>());
            Assert.That(() => JsonSerializer.Deserialize("{}", json.CallAck), Throws.TypeOf<NotSupportedException>());
        });
    }

    [Test]
    public void Every_kind_of_notice_has_a_row()
    {
        var covered = Events().Select(row => row.Arguments[0]!.GetType()).ToHashSet();
        var kinds = typeof(CallNotice).GetNestedTypes().Where(type => type.IsSubclassOf(typeof(CallNotice)));

        Assert.That(kinds.Where(kind => !covered.Contains(kind)), Is.Empty);
    }

    private static TestCaseData Case(string name, CallNotice notice, string eventName, string json) =>
        new TestCaseData(notice, eventName, json).SetArgDisplayNames(name);
}
