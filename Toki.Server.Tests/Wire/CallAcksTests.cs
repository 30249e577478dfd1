using System.Text;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Wire;
using static Toki.Server.Tests.Wire.WireSamples;

namespace Toki.Server.Tests.Wire;

/// <summary>§2 and §3 of protocol.md, pinned: every result of the call service becomes exactly this acknowledgement.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallAcksTests
{
    private static IEnumerable<TestCaseData> Acks()
    {
        yield return Case("refused", CallResult.Failure(CallError.CallNotFound()),
            """{"ok":false,"error":{"code":"call_not_found","message":"No call with that id."}}""");
        yield return Case("refused, message unescaped", CallResult.Failure(CallErrorCode.UnknownEvent, "Unknown event 'ça <va>'."),
            """{"ok":false,"error":{"code":"unknown_event","message":"Unknown event 'ça <va>'."}}""");
        yield return Case("done", CallResult.Success(Snapshot), $$"""{"ok":true,"call":{{SnapshotJson}}}""");
        yield return Case("done, no call", CallResult.Success(null), """{"ok":true,"call":null}""");
        yield return Case("done, ringing call, text to escape",
            CallResult.Success(Snapshot with { CallId = "c\"1\\", Callee = new CallParty("b<o>b", "Zoë \"Z\" 😀\t"), Status = CallStatus.Pending }),
            $$"""{"ok":true,"call":{{SnapshotJson
                .Replace("\"callId\":\"0123456789abcdef01234567\"", "\"callId\":\"c\\\"1\\\\\"", StringComparison.Ordinal)
                .Replace("{\"id\":\"bob\",\"name\":\"Zoë <b>\"}", "{\"id\":\"b<o>b\",\"name\":\"Zoë \\\"Z\\\" \\uD83D\\uDE00\\t\"}", StringComparison.Ordinal)
                .Replace("\"status\":\"interrupted\"", "\"status\":\"pending\"", StringComparison.Ordinal)}}}""");
        yield return Case("rejoined", new CallResult.Rejoined(Snapshot, WebRtc, 190),
            $$"""{"ok":true,"call":{{SnapshotJson}},"media":{{WebRtcJson}},"remainingTime":190}""");
        yield return Case("synced, ringing or away", new CallResult.Synced(Snapshot, 300, null, null),
            $$"""{"ok":true,"call":{{SnapshotJson}},"remainingTime":300,"media":null}""");
        yield return Case("synced, moved", new CallResult.Synced(Snapshot, 288, WebRtc, true),
            $$"""{"ok":true,"call":{{SnapshotJson}},"remainingTime":288,"media":{{WebRtcJson}},"initiator":true}""");
        yield return Case("synced, refreshed", new CallResult.Synced(Snapshot, 288, Agora, false),
            $$"""{"ok":true,"call":{{SnapshotJson}},"remainingTime":288,"media":{{AgoraJson}},"initiator":false}""");
        yield return Case("renewed", new CallResult.Renewed(Snapshot, Agora), $$"""{"ok":true,"call":{{SnapshotJson}},"media":{{AgoraJson}}}""");
    }

    [TestCaseSource(nameof(Acks))]
    public void A_result_is_written_as_its_ack(CallResult result, string json) =>
        Assert.That(Text(CallAcks.Encode(result)), Is.EqualTo(json));

    [Test]
    public void Relays_are_acked_with_ok_only() => Assert.That(Text(CallAcks.RelayOk), Is.EqualTo("""{"ok":true}"""));

    [Test]
    public void Every_kind_of_result_has_a_row()
    {
        var covered = Acks().Select(row => row.Arguments[0]!.GetType()).ToHashSet();
        var kinds = typeof(CallResult).GetNestedTypes().Where(type => type.IsSubclassOf(typeof(CallResult)));

        Assert.That(kinds.Where(kind => !covered.Contains(kind)), Is.Empty);
    }

    private static string Text(Toki.SocketIO.SocketIORawJson json) => Encoding.UTF8.GetString(json.Utf8Json.Span);

    private static TestCaseData Case(string name, CallResult result, string json) => new TestCaseData(result, json).SetArgDisplayNames(name);
}
