using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// Deadlines are authoritative: an action that arrives after one has passed, before its timer acted (a late
/// timer, store retries, right after a restart), finds the call ended by that deadline and gets call_ended;
/// a rejoin keeps its own order and answers rejoin_expired; strangers still get not_participant.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class OverdueDeadlineTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Row("an accept after the ring deadline", Pending(), 15, new CallCommand.Accept(Callee, "s"), "missed no_answer, error call_ended");
        yield return Row("a cancel after the ring deadline", Pending(), 16, new CallCommand.Cancel(Caller), "missed no_answer, error call_ended");
        yield return Row("a join after the connect deadline", Accepted(), 25, new CallCommand.Joined(Caller), "ended connect_timeout, error call_ended");
        yield return Row("a hang-up after the limit", Active(), 241, new CallCommand.End(Callee, false), "ended completed, error call_ended");
        yield return Row("a present side's end after the peer's rejoin deadline", Interrupted(), 10, new CallCommand.End(Caller, true), "ended rejoin_timeout, error call_ended");
        yield return Row("a clear-all after the limit", Active(), 300, new CallCommand.ClearAll(Caller), "ended completed, error call_ended");
        yield return Row("a disconnect after the ring deadline", Pending(), 20, new CallCommand.UserGone(Caller), "missed no_answer, error call_ended");
        yield return Row("a rejoin after its deadline", Interrupted(), 10, new CallCommand.Rejoin(Callee, "s"), "error rejoin_expired");
        yield return Row("a stranger after the ring deadline", Pending(), 15, new CallCommand.Accept(Stranger, "s"), "error not_participant");
        yield return Row("an accept just before the ring deadline", Pending(), 14.999, new CallCommand.Accept(Callee, "s"), "accepted");
    }

    private static TestCaseData Row(string name, CallRecord call, double at, CallCommand command, string expected) =>
        new TestCaseData(call, at, command).Returns(expected).SetName(name);

    [TestCaseSource(nameof(Cases))]
    public string An_action_after_a_passed_deadline_finds_the_call_ended_by_it(CallRecord call, double at, CallCommand command) =>
        Outcome.Describe(CallTransitions.Apply(call, command, Context(at)));
}
