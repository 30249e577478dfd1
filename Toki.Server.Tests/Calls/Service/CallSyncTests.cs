using System.Text;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Tests.Calls.Fakes;
using Toki.Server.Wire;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// §3 <c>call:sync</c>: the sending socket becomes the call socket; a moved call socket makes that side the WebRTC
/// initiator and tells the peer <c>call:peer-resumed</c>; when both re-sync within the glare window the caller initiates.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallSyncTests
{
    private static object?[] Extras(CallResult ack) => ack is CallResult.Synced synced
        ? [synced.RemainingTime, FakeMediaCredentialsProvider.Label(synced.Media), synced.Initiator]
        : throw new AssertionException($"Not a sync answer: {ack}");

    [Test]
    public async Task ASyncFromANewSocketMovesTheCallSocketAndTellsThePeer()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        h.Disconnect(Bob, "s-b1");
        await h.AdvanceAsync(1);
        await h.ConnectAsync(Bob, "s-b2");
        h.Notifier.Clear();

        var ack = await h.SyncAsync(Bob, "s-b2", null);

        Assert.That(Extras(ack), Is.EqualTo(new object?[] { 299, "webrtc:bob:initiator", true }));
        Assert.That(Wire.Snapshot(ack).CallId, Is.EqualTo(id));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[]
        {
            $"leave s-b1 {id}",
            $"join s-b2 {id}",
            $$"""socket s-a1 call:peer-resumed {"callId":"{{id}}","userId":"bob","initiator":false}""",
        }));
        await h.AdvanceAsync(5);
        Assert.That((h.State(id), h.Store.Call(id).RejoinedUserIds.Count), Is.EqualTo(("active", 0)));
    }

    [Test]
    public async Task ASyncFromTheCurrentCallSocketOnlyRefreshes()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        var issued = h.Media.IssuedCount;
        h.Notifier.Clear();

        var callee = await h.SyncAsync(Bob, "s-b1", id);
        var caller = await h.SyncAsync(Alice, "s-a1", id);

        Assert.That(Extras(callee), Is.EqualTo(new object?[] { 300, "webrtc:bob:responder", false }));
        Assert.That(Extras(caller), Is.EqualTo(new object?[] { 300, "webrtc:alice:responder", false }), "a refresh asks nobody to renegotiate");
        Assert.That(h.Notifier.Lines, Is.Empty);
        Assert.That(h.Media.IssuedCount, Is.EqualTo(issued + 2), "fresh media credentials each time");
    }

    [TestCase(Bob, Alice, 2.0, true, true, false, TestName = "callee then caller within the window: the caller initiates")]
    [TestCase(Alice, Bob, 2.0, true, false, true, TestName = "caller then callee within the window: the caller still initiates")]
    [TestCase(Alice, Bob, 4.999, true, false, true, TestName = "caller then callee 1 ms inside the window")]
    [TestCase(Alice, Bob, 5.0, true, true, false, TestName = "caller then callee after the window: the later mover initiates")]
    public async Task GlareRule(string first, string second, double gap, bool firstInitiator, bool secondInitiator, bool firstToldToInitiate)
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        var socketOf = new Dictionary<string, string> { [Alice] = "s-a2", [Bob] = "s-b2" };
        await h.ConnectAsync(Alice, "s-a2");
        await h.ConnectAsync(Bob, "s-b2");

        var firstAck = await h.SyncAsync(first, socketOf[first], id);
        await h.AdvanceAsync(gap);
        h.Notifier.Clear();
        var secondAck = await h.SyncAsync(second, socketOf[second], id);

        Assert.That((Extras(firstAck)[2], Extras(secondAck)[2]), Is.EqualTo((firstInitiator, secondInitiator)));
        Assert.That(h.Notifier.Sent("call:peer-resumed"), Is.EqualTo(new[]
        {
            $$"""socket {{socketOf[first]}} call:peer-resumed {"callId":"{{id}}","userId":"{{second}}","initiator":{{(firstToldToInitiate ? "true" : "false")}}}""",
        }));
    }

    [Test]
    public async Task AnAwayUserSyncingDoesNotComeBack()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        await h.ConnectAsync(Alice, "s-a2");
        h.Notifier.Clear();

        var ack = await h.SyncAsync(Alice, "s-a2", id);

        Assert.That((ack.Ok, Extras(ack)[0], Extras(ack)[1], Extras(ack)[2]), Is.EqualTo((true, 300, (object?)null, (object?)null)));
        Assert.That(h.Notifier.Lines, Is.Empty);
        Assert.That(h.Service.ResolveRelay(id, Bob).PeerSocketId, Is.Null);
        Assert.That(h.Store.Call(id).InterruptedUserIds, Is.EqualTo(new[] { Alice }));
    }

    [Test]
    public async Task WhileRingingASyncTakesTheSocketButHasNoMedia()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        await h.ConnectAsync(Bob, "s-b2");
        h.Notifier.Clear();

        var ack = await h.SyncAsync(Bob, "s-b2", null);

        Assert.That((ack.Ok, Extras(ack)[0], Extras(ack)[1], Extras(ack)[2]), Is.EqualTo((true, 300, (object?)null, (object?)null)));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { $"join s-b2 {id}" }));
    }

    [Test]
    public async Task WithAgoraAMovedSocketKeepsItsRoleAndThePeerIsStillTold()
    {
        using var h = new CallServiceHarness(provider: "agora");
        var id = await h.ActiveCallAsync();
        await h.ConnectAsync(Bob, "s-b2");
        h.Notifier.Clear();

        var ack = await h.SyncAsync(Bob, "s-b2", id);

        Assert.That(Extras(ack), Is.EqualTo(new object?[] { 300, "agora:bob:responder", false }));
        Assert.That(h.Notifier.Sent("call:peer-resumed"), Is.EqualTo(new[]
        {
            $$"""socket s-a1 call:peer-resumed {"callId":"{{id}}","userId":"bob","initiator":true}""",
        }));
    }

    [Test]
    public async Task ASyncOverlappingAHardEndAnswersCallEndedAndLeavesNoSocketInTheRoom()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.ConnectAsync(Alice, "s-a2");
        var interfered = 0;
        h.Store.AfterFindLiveCall = async live =>
        {
            if (live is not null && Interlocked.Exchange(ref interfered, 1) == 0)
            {
                await h.CommandAsync(live.Id, new CallCommand.End(Bob, Permanent: true));
            }
        };
        h.Notifier.Clear();

        var ack = await h.SyncAsync(Alice, "s-a2", null);

        Assert.That(ack.Error?.Code, Is.EqualTo("call_ended"));
        Assert.That(h.Notifier.Lines.Where(line => line.StartsWith("join ", StringComparison.Ordinal)
            || line.Contains("call:peer-resumed", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task WithoutACallIdAndNoLiveCallTheAnswerIsOkWithNoCall()
    {
        using var h = new CallServiceHarness();
        await h.ActiveCallAsync();
        h.Notifier.Clear();

        var ack = await h.SyncAsync(Carol, "s-c1", null);

        Assert.That((ack, Encoding.UTF8.GetString(CallAcks.Encode(ack).Utf8Json.Span)), Is.EqualTo(((CallResult)new CallResult.Done(null), """{"ok":true,"call":null}""")),
            "exactly { ok: true, call: null }");
        Assert.That(h.Notifier.Lines, Is.Empty);
    }

    [TestCase("live", Carol, "not_participant", TestName = "someone else's call")]
    [TestCase("ended", Alice, "call_ended", TestName = "an ended call")]
    [TestCase("no-such-call", Alice, "call_not_found", TestName = "an unknown call id")]
    public async Task Refusals(string? which, string user, string code)
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        if (which == "ended")
        {
            await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: true));
        }
        var callId = which is "live" or "ended" ? id : which;

        var ack = await h.SyncAsync(user, "s-x", callId);

        Assert.That(ack.Error?.Code, Is.EqualTo(code));
    }
}
