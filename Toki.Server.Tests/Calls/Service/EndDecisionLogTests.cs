using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>§4 "log it: Call end decision with the inputs and the verdict" — every decision, refusals none.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class EndDecisionLogTests
{
    private static string?[] Fields(CallServiceHarness h)
    {
        var record = h.Logger.Named("CallEndDecision").Single();
        var f = record.Fields();
        return [f["CallId"], f["UserId"], f["Trigger"], f["FromStatus"], f["RemainingMs"], f["RejoinUsed"], f["AlreadyAway"], f["Verdict"], f["Reason"]];
    }

    [Test]
    public async Task ASoftEndLogsItsInputsAndVerdict()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);

        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));

        Assert.That(Fields(h), Is.EqualTo(new string?[] { id, Alice, "end", "active", "290000", "False", "False", "soft", null }));
        Assert.That(h.Logger.Named("CallEndDecision").Single().Message, Is.EqualTo(
            $"Call end decision: call {id}, user alice, trigger end, from active, remaining 290000 ms, rejoin used False, already away False => soft ()."));
    }

    [Test]
    public async Task AHardEndAfterTheRejoinWasUsed()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: false));
        await h.RejoinAsync(Bob, "s-b1", id);
        await h.AdvanceAsync(20);
        var before = h.Logger.Named("CallEndDecision").Count;

        h.Disconnect(Bob, "s-b1");
        await h.AdvanceAsync(3);

        var record = h.Logger.Named("CallEndDecision").Skip(before).Single();
        Assert.That(record.Message, Is.EqualTo(
            $"Call end decision: call {id}, user bob, trigger disconnect, from active, remaining 277000 ms, rejoin used True, already away False => hard (disconnected)."));
    }

    [Test]
    public async Task ATimerDecisionHasNoUser()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();

        await h.AdvanceAsync(20);

        Assert.That(Fields(h), Is.EqualTo(new string?[] { id, null, "ring-timeout", "pending", "300000", "False", "False", "hard", "no_answer" }));
    }

    [Test]
    public async Task ADecisionToDoNothingIsLoggedToo()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();

        h.Disconnect(Bob, "s-b1");
        await h.AdvanceAsync(3);

        Assert.That(Fields(h), Is.EqualTo(new string?[] { id, Bob, "disconnect", "pending", "300000", "False", "False", "none", null }));
    }

    [Test]
    public async Task RefusalsAndOtherTransitionsDecideNothing()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();

        await h.CommandAsync(id, new CallCommand.End(Carol, Permanent: true));
        await h.CommandAsync(id, new CallCommand.Cancel(Alice));
        await h.RejoinAsync(Alice, "s-a1", id);

        Assert.That(h.Logger.Named("CallEndDecision"), Is.Empty);
    }
}
