using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// Pause and resume: scripted sequences of commands, each followed by the exact clock fields. activeMs accumulates
/// across pauses, endsAt is recomputed on resume, and a call interrupted while connecting re-arms its connect deadline.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class TimerArithmeticTests
{
    /// <summary>Talking since T0: nothing accumulated, 300 s to go.</summary>
    private static CallRecord Running() => Active() with { StartedAt = T0, LastResumedAt = T0, EndsAt = At(300) };

    private static ClockView V(string state, long activeMs, double? resumed, double? ends, double? connect, string away, int? remaining,
        int billed = 0) => new(state, activeMs, resumed, ends, connect, away, remaining, billed);

    private static TestCaseData Script(string name, CallRecord start, params (double At, CallCommand Command, ClockView Expected)[] steps) =>
        new TestCaseData(start, steps).SetName(name);

    private static IEnumerable<TestCaseData> Cases()
    {
        var due = new CallCommand.DeadlinesDue();
        yield return Script("pause, resume, complete", Running(),
            (100, new CallCommand.End(Caller, false), V("interrupted", 100_000, null, null, null, "alice@115", 200)),
            (110, new CallCommand.Rejoin(Caller, "s"), V("active", 100_000, 110, 310, null, "", 200)),
            (309.999, due, V("active", 100_000, 110, 310, null, "", 1)),
            (310, due, V("ended completed", 300_000, null, null, null, "", null, 300)));
        yield return Script("two pauses: only talk is billed", Running(),
            (100, new CallCommand.End(Caller, false), V("interrupted", 100_000, null, null, null, "alice@115", 200)),
            (110, new CallCommand.Rejoin(Caller, "s"), V("active", 100_000, 110, 310, null, "", 200)),
            (150, new CallCommand.UserGone(Callee), V("interrupted", 140_000, null, null, null, "bob@165", 160)),
            (160, new CallCommand.Rejoin(Callee, "s"), V("active", 140_000, 160, 320, null, "", 160)),
            (200.5, new CallCommand.End(Caller, true), V("ended hung_up", 180_500, null, null, null, "", null, 181)));
        yield return Script("both away: the timer resumes only when nobody is away", Running(),
            (100, new CallCommand.End(Caller, false), V("interrupted", 100_000, null, null, null, "alice@115", 200)),
            (105, new CallCommand.UserGone(Callee), V("interrupted", 100_000, null, null, null, "alice@115,bob@120", 200)),
            (110, new CallCommand.Rejoin(Caller, "s"), V("interrupted", 100_000, null, null, null, "bob@120", 200)),
            (112, new CallCommand.Rejoin(Callee, "s"), V("active", 100_000, 112, 312, null, "", 200)));
        yield return Script("rejoin timeout bills only the time before the pause", Running(),
            (100.4, new CallCommand.End(Callee, false), V("interrupted", 100_400, null, null, null, "bob@115.4", 200)),
            (115.399, due, V("interrupted", 100_400, null, null, null, "bob@115.4", 200)),
            (115.4, due, V("ended rejoin_timeout", 100_400, null, null, null, "", null, 101)));
        yield return Script("interrupted while connecting: the rejoin re-arms the connect deadline",
            Accepted() with { AcceptedAt = T0, ConnectDeadline = At(30) },
            (2, new CallCommand.Joined(Callee), V("accepted", 0, null, null, 30, "", 300)),
            (5, new CallCommand.End(Caller, false), V("interrupted", 0, null, null, null, "alice@20", 300)),
            (12, new CallCommand.Rejoin(Caller, "s"), V("accepted", 0, null, null, 42, "", 300)),
            (13, new CallCommand.Joined(Caller), V("active", 0, 13, 313, null, "", 300)));
        yield return Script("interrupted while connecting: only the rejoin deadline runs",
            Accepted() with { AcceptedAt = T0, ConnectDeadline = At(30) },
            (5, new CallCommand.End(Callee, false), V("interrupted", 0, null, null, null, "bob@20", 300)),
            (19.999, due, V("interrupted", 0, null, null, null, "bob@20", 300)),
            (20, due, V("ended rejoin_timeout", 0, null, null, null, "", null)));
        yield return Script("connecting never runs the timer", Accepted() with { AcceptedAt = T0, ConnectDeadline = At(30) },
            (29.999, due, V("accepted", 0, null, null, 30, "", 300)),
            (30, due, V("ended connect_timeout", 0, null, null, null, "", null)));
        yield return Script("a timer firing late still bills only the limit", Running(),
            (400, due, V("ended completed", 300_000, null, null, null, "", null, 300)));
        yield return Script("a partial second is billed as a whole one", Running(),
            (0.001, new CallCommand.End(Caller, true), V("ended hung_up", 1, null, null, null, "", null, 1)));
    }

    [TestCaseSource(nameof(Cases))]
    public void Sequence(CallRecord start, (double At, CallCommand Command, ClockView Expected)[] steps)
    {
        var call = start;
        foreach (var (at, command, expected) in steps)
        {
            var result = CallTransitions.Apply(call, command, Context(at));
            Assert.That(result.Error, Is.Null, $"{command} at {at} s");
            call = result.Next ?? call;
            Assert.That(ClockView.Of(call, At(at)), Is.EqualTo(expected), $"after {command} at {at} s");
        }
    }

    [Test]
    public void AnEndAfterTheLimitFindsTheCallCompletedAtTheLimit()
    {
        var result = CallTransitions.Apply(Running(), new CallCommand.End(Caller, true), Context(400));

        Assert.That(result.Error, Is.EqualTo(CallError.CallEnded()), "the deadline had already ended the call");
        Assert.That(ClockView.Of(result.Next!, At(400)), Is.EqualTo(V("ended completed", 300_000, null, null, null, "", null, 300)));
    }

    [Test]
    public void TheSecondJoinStartsTheTimerAndARepeatedJoinChangesNothing()
    {
        var accepted = Accepted() with { AcceptedAt = T0, ConnectDeadline = At(30), JoinedUserIds = [Callee] };
        var started = CallTransitions.Apply(accepted, new CallCommand.Joined(Caller), Context(4));

        Assert.That((started.Next!.StartedAt, started.Next.LastResumedAt, started.Next.EndsAt, started.Next.ConnectDeadline),
            Is.EqualTo((At(4), At(4), At(304), (DateTimeOffset?)null)));
        Assert.That(started.Next.JoinedUserIds, Is.EqualTo(new[] { Callee, Caller }));
        Assert.That(started.Effects, Is.EqualTo(new CallEffect[] { new CallEffect.Notify(CallNoticeKind.Started) }));
        Assert.That(Outcome.Describe(CallTransitions.Apply(accepted, new CallCommand.Joined(Callee), Context(4))), Is.EqualTo("unchanged"));
    }
}
