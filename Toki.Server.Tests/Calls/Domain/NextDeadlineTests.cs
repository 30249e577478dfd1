using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// <see cref="CallRecord.NextDeadline"/>, the deadline the stores index for every server's sweep, is exactly the one the
/// state machine applies: a millisecond before it nothing is due, at it the call ends; once over there is none.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class NextDeadlineTests
{
    public static IEnumerable<TestCaseData> LiveCalls()
    {
        yield return new TestCaseData(Pending(), "missed no_answer").SetName("ringing: the ring deadline");
        yield return new TestCaseData(Accepted(), "ended connect_timeout").SetName("accepted: the connect deadline");
        yield return new TestCaseData(Active(), "ended completed").SetName("active: the duration limit");
        yield return new TestCaseData(Interrupted(), "ended rejoin_timeout").SetName("interrupted: the earliest rejoin deadline");
        yield return new TestCaseData(BothAway(), "ended rejoin_timeout").SetName("both away: the earliest rejoin deadline");
    }

    [TestCaseSource(nameof(LiveCalls))]
    public void The_indexed_deadline_is_the_one_the_state_machine_applies(CallRecord call, string ending)
    {
        var due = call.NextDeadline!.Value;
        var seconds = (due - T0).TotalSeconds;

        var before = CallTransitions.Apply(call, new CallCommand.DeadlinesDue(), Context(seconds - 0.001));
        var at = CallTransitions.Apply(call, new CallCommand.DeadlinesDue(), Context(seconds));

        Assert.That(before.Next, Is.Null, "nothing is due a millisecond before");
        Assert.That(Outcome.Describe(at), Is.EqualTo(ending));
        Assert.That(at.Next!.NextDeadline, Is.Null, "an ended call has no deadline left");
    }

    [Test]
    public void The_sweep_settings_are_validated()
    {
        var settings = new CallSettings { DeadlineSweepInterval = TimeSpan.Zero, DeadlineSweepBatch = 0 };

        Assert.That(settings.Validate(), Is.EqualTo(new[]
        {
            "Calls:DeadlineSweepInterval must be positive and at most 24 hours (got 00:00:00).",
            "Calls:DeadlineSweepBatch must be at least 1 (got 0).",
        }));
    }
}
