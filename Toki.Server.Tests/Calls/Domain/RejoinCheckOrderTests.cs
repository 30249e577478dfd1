using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// §5: participant, terminal, already rejoined, away, deadline — each record fails several checks and the first
/// in that order must be the answer.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class RejoinCheckOrderTests
{
    private static TestCaseData Row(string name, CallRecord call, string user, double at, string expected) =>
        new TestCaseData(call, user, at, expected).SetName(name);

    private static IEnumerable<TestCaseData> Cases()
    {
        var endedAfterRejoin = Terminal(CallStatus.Ended, CallEndReason.RejoinTimeout) with
        {
            RejoinedUserIds = [Callee],
            RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [Callee] = At(-10) },
        };
        yield return Row("participant before terminal", endedAfterRejoin, Stranger, 0, "error not_participant");
        yield return Row("terminal before used, away and deadline", endedAfterRejoin, Callee, 0, "error call_ended");

        var awayAgainAfterRejoin = Interrupted() with
        {
            RejoinedUserIds = [Callee],
            RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [Callee] = At(-1) },
        };
        yield return Row("used before deadline", awayAgainAfterRejoin, Callee, 0, "error rejoin_used");
        yield return Row("used before away (a present user who rejoined)", Active() with { RejoinedUserIds = [Callee] }, Callee, 0,
            "error rejoin_used");

        var staleOwnDeadline = Interrupted() with
        {
            RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [Callee] = At(10), [Caller] = At(-1) },
        };
        yield return Row("away before deadline", staleOwnDeadline, Caller, 0, "error not_interrupted");
        yield return Row("not away in an active call", Active(), Caller, 0, "error not_interrupted");

        yield return Row("deadline passed by 1 ms", Interrupted(), Callee, 10.001, "error rejoin_expired");
        yield return Row("exactly at the deadline counts as passed", Interrupted(), Callee, 10, "error rejoin_expired");
        yield return Row("1 ms before the deadline succeeds", Interrupted(), Callee, 9.999, "active");
        yield return Row("both away: the first back keeps the call interrupted", BothAway(), Callee, 5, "interrupted");
        yield return Row("both away: each has its own deadline", BothAway(), Caller, 11, "interrupted");
        yield return Row("both away: the other's deadline does not save a late one", BothAway(), Callee, 11, "error rejoin_expired");
    }

    [TestCaseSource(nameof(Cases))]
    public void FirstFailingCheckWins(CallRecord call, string user, double at, string expected)
    {
        var result = CallTransitions.Apply(call, new CallCommand.Rejoin(user, "s-new"), Context(at));

        Assert.That(Outcome.Describe(result), Is.EqualTo(expected));
    }

    [Test]
    public void ARejoinIsRecordedOnceAndMovesTheCallSocket()
    {
        var result = CallTransitions.Apply(Interrupted(), new CallCommand.Rejoin(Callee, "s-new"), Context(2));

        var next = result.Next!;
        Assert.That(next.RejoinedUserIds, Is.EqualTo(new[] { Callee }));
        Assert.That(next.InterruptedUserIds, Is.Empty);
        Assert.That(next.RejoinDeadlines, Is.Empty);
        Assert.That(next.InterruptedFrom, Is.Null);
        Assert.That(result.Effects, Is.EqualTo(new CallEffect[]
        {
            new CallEffect.AssignCallSocket(Callee, "s-new"),
            new CallEffect.Notify(CallNoticeKind.Rejoined, Callee),
            new CallEffect.Notify(CallNoticeKind.PeerRejoined, Callee),
        }));
        Assert.That(Outcome.Describe(CallTransitions.Apply(next, new CallCommand.Rejoin(Callee, "s-other"), Context(2))),
            Is.EqualTo("error rejoin_used"));
    }
}
