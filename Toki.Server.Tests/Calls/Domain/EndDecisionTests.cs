using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>The contract's end decision (§4): the outcome and the exact decision record that gets logged.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class EndDecisionTests
{
    private static readonly CallSettings HangupIsHard = Settings(s => s.SoftEndOnHangup = false);

    private static TestCaseData Row(string name, CallRecord call, CallCommand command, string expected, EndDecision? decision,
        CallSettings? settings = null) => new TestCaseData(call, command, settings ?? Settings(), expected, decision).SetName(name);

    private static EndDecision D(string? user, string trigger, CallStatus from, long remainingMs, bool used, bool away, string verdict,
        string? reason) => new(CallId, user, trigger, from, remainingMs, used, away, verdict, reason);

    private static IEnumerable<TestCaseData> Cases()
    {
        var end = new CallCommand.End(Caller, Permanent: false);
        var calleeEnd = new CallCommand.End(Callee, Permanent: false);
        var gone = new CallCommand.UserGone(Caller);
        yield return Row("active, 10 001 ms left: soft", ActiveWithRemaining(10_001), end, "interrupted",
            D(Caller, "end", CallStatus.Active, 10_001, false, false, "soft", null));
        yield return Row("active, exactly 10 s left: hard", ActiveWithRemaining(10_000), end, "ended hung_up",
            D(Caller, "end", CallStatus.Active, 10_000, false, false, "hard", "hung_up"));
        yield return Row("active, 9 999 ms left: hard", ActiveWithRemaining(9_999), end, "ended hung_up",
            D(Caller, "end", CallStatus.Active, 9_999, false, false, "hard", "hung_up"));
        yield return Row("disconnect, 10 001 ms left: soft", ActiveWithRemaining(10_001), gone, "interrupted",
            D(Caller, "disconnect", CallStatus.Active, 10_001, false, false, "soft", null));
        yield return Row("disconnect, exactly 10 s left: hard disconnected", ActiveWithRemaining(10_000), gone, "ended disconnected",
            D(Caller, "disconnect", CallStatus.Active, 10_000, false, false, "hard", "disconnected"));
        yield return Row("permanent with 240 s left: hard", Active(), new CallCommand.End(Caller, Permanent: true), "ended hung_up",
            D(Caller, "end-permanent", CallStatus.Active, 240_000, false, false, "hard", "hung_up"));
        yield return Row("SoftEndOnHangup=false: an explicit end is hard", Active(), end, "ended hung_up",
            D(Caller, "end", CallStatus.Active, 240_000, false, false, "hard", "hung_up"), HangupIsHard);
        yield return Row("SoftEndOnHangup=false: a disconnect stays soft", Active(), gone, "interrupted",
            D(Caller, "disconnect", CallStatus.Active, 240_000, false, false, "soft", null), HangupIsHard);
        yield return Row("SoftEndOnHangup=false: ending a ringing call still cancels", Pending(), end, "cancelled cancelled",
            D(Caller, "end", CallStatus.Pending, 300_000, false, false, "hard", "cancelled"), HangupIsHard);
        yield return Row("accepted, limit 11 s: soft", Accepted() with { DurationLimitSec = 11 }, end, "interrupted",
            D(Caller, "end", CallStatus.Accepted, 11_000, false, false, "soft", null));
        yield return Row("accepted, limit 10 s: hard", Accepted() with { DurationLimitSec = 10 }, end, "ended hung_up",
            D(Caller, "end", CallStatus.Accepted, 10_000, false, false, "hard", "hung_up"));

        var callerRejoined = Active() with { RejoinedUserIds = [Caller] };
        yield return Row("rejoin already used: the user's end is hard", callerRejoined, end, "ended hung_up",
            D(Caller, "end", CallStatus.Active, 240_000, true, false, "hard", "hung_up"));
        yield return Row("rejoin used by the peer: the user's end is still soft", callerRejoined, calleeEnd, "interrupted",
            D(Callee, "end", CallStatus.Active, 240_000, false, false, "soft", null));
        yield return Row("rejoin already used: a disconnect is hard", callerRejoined, gone, "ended disconnected",
            D(Caller, "disconnect", CallStatus.Active, 240_000, true, false, "hard", "disconnected"));

        yield return Row("interrupted: the present side ending is hard hung_up", Interrupted(), end, "ended hung_up",
            D(Caller, "end", CallStatus.Interrupted, 245_000, false, false, "hard", "hung_up"));
        yield return Row("interrupted: the present side disconnecting becomes away too", Interrupted(), gone, "interrupted",
            D(Caller, "disconnect", CallStatus.Interrupted, 245_000, false, false, "soft", null));
        yield return Row("interrupted: the present side disconnecting after its rejoin is hard",
            Interrupted() with { RejoinedUserIds = [Caller] }, gone, "ended disconnected",
            D(Caller, "disconnect", CallStatus.Interrupted, 245_000, true, false, "hard", "disconnected"));
        yield return Row("interrupted with 10 s left: the present side disconnecting is hard",
            Interrupted() with { ActiveMs = 290_000 }, gone, "ended disconnected",
            D(Caller, "disconnect", CallStatus.Interrupted, 10_000, false, false, "hard", "disconnected"));
        yield return Row("interrupted: the away side dropping again changes nothing", Interrupted(), new CallCommand.UserGone(Callee),
            "unchanged", D(Callee, "disconnect", CallStatus.Interrupted, 245_000, false, true, "none", null));
        yield return Row("both away: an away side ending is hard hung_up", BothAway(), calleeEnd, "ended hung_up",
            D(Callee, "end", CallStatus.Interrupted, 245_000, false, true, "hard", "hung_up"));

        yield return Row("pending: the caller ending cancels", Pending(), end, "cancelled cancelled",
            D(Caller, "end", CallStatus.Pending, 300_000, false, false, "hard", "cancelled"));
        yield return Row("pending: the callee ending rejects", Pending(), new CallCommand.End(Callee, Permanent: true), "rejected rejected",
            D(Callee, "end-permanent", CallStatus.Pending, 300_000, false, false, "hard", "rejected"));
        yield return Row("pending: the callee dropping changes nothing", Pending(), new CallCommand.UserGone(Callee), "unchanged",
            D(Callee, "disconnect", CallStatus.Pending, 300_000, false, false, "none", null));
        yield return Row("pending: the caller dropping cancels", Pending(), gone, "cancelled caller_disconnected",
            D(Caller, "disconnect", CallStatus.Pending, 300_000, false, false, "hard", "caller_disconnected"));
        yield return Row("a stranger dropping decides nothing", Active(), new CallCommand.UserGone(Stranger), "unchanged", null);
    }

    private static IEnumerable<TestCaseData> TimerCases()
    {
        var due = new CallCommand.DeadlinesDue();
        yield return Row("ring deadline", Pending() with { RingDeadline = T0 }, due, "missed no_answer",
            D(null, "ring-timeout", CallStatus.Pending, 300_000, false, false, "hard", "no_answer"));
        yield return Row("connect deadline", Accepted() with { ConnectDeadline = T0 }, due, "ended connect_timeout",
            D(null, "connect-timeout", CallStatus.Accepted, 300_000, false, false, "hard", "connect_timeout"));
        yield return Row("duration limit", ActiveWithRemaining(0), due, "ended completed",
            D(null, "duration-limit", CallStatus.Active, 0, false, false, "hard", "completed"));
        yield return Row("rejoin deadline (the earliest of two)", BothAway() with
            {
                RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [Callee] = At(1), [Caller] = T0 },
            }, due, "ended rejoin_timeout",
            D(null, "rejoin-timeout", CallStatus.Interrupted, 245_000, false, false, "hard", "rejoin_timeout"));
    }

    [TestCaseSource(nameof(Cases))]
    [TestCaseSource(nameof(TimerCases))]
    public void Decides(CallRecord call, CallCommand command, CallSettings settings, string expected, EndDecision? decision)
    {
        var result = CallTransitions.Apply(call, command, new CallContext(T0, settings, 100));

        Assert.That(Outcome.Describe(result), Is.EqualTo(expected));
        Assert.That(result.Decision, Is.EqualTo(decision));
    }

    [Test]
    public void ASoftEndPutsTheUserAwayWithItsOwnDeadlineAndReleasesItsCallSocket()
    {
        var result = CallTransitions.Apply(Interrupted(), new CallCommand.UserGone(Caller), Context(3));

        var next = result.Next!;
        Assert.That(next.InterruptedUserIds, Is.EqualTo(new[] { Callee, Caller }));
        Assert.That(next.RejoinDeadlines, Is.EquivalentTo(new Dictionary<string, DateTimeOffset> { [Callee] = At(10), [Caller] = At(18) }));
        Assert.That(next.RejoinDeadline, Is.EqualTo(At(10)));
        Assert.That(next.JoinedUserIds, Is.Empty);
        Assert.That(next.InterruptedFrom, Is.EqualTo(CallStatus.Active));
        Assert.That(result.Effects, Is.EqualTo(new CallEffect[]
        {
            new CallEffect.ReleaseCallSocket(Caller),
            new CallEffect.Notify(CallNoticeKind.Interrupted, Caller),
            new CallEffect.Notify(CallNoticeKind.PeerInterrupted, Caller),
        }));
    }
}
