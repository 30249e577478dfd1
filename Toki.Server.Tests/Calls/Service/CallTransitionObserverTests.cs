using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>The call audit's source: every committed transition is reported once, with its cause, in commit order.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallTransitionObserverTests
{
    private static string Line(CallTransition t) =>
        $"{t.Previous?.Status.ToWire() ?? "none"}->{t.Current.Status.ToWire()} v{t.Current.Version} {t.Action} {t.ActorKind}:{t.ActorId}";

    [Test]
    public async Task A_call_replays_from_its_transitions_through_a_soft_end_a_rejoin_and_a_hard_end()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        await h.RejoinAsync(Alice, "s-a2", id);
        await h.AdvanceAsync(5);
        await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: true));

        var transitions = h.Observer.Transitions;
        Assert.That(transitions.Select(Line), Is.EqualTo(new[]
        {
            "none->pending v1 request user:alice",
            "pending->accepted v2 accept user:bob",
            "accepted->accepted v3 joined user:alice",
            "accepted->active v4 joined user:bob",
            "active->interrupted v5 end user:alice",
            "interrupted->active v6 rejoin user:alice",
            "active->ended v7 end-permanent user:bob",
        }));
        Assert.That(transitions.All(t => t.Current.Id == id));
        var soft = transitions[4].Decision!;
        Assert.That((soft.Trigger, soft.Verdict, soft.RemainingMs, soft.RejoinAlreadyUsed), Is.EqualTo(("end", "soft", 290_000L, false)));
        var hard = transitions[6];
        Assert.That((hard.Decision!.Verdict, hard.Decision.Reason), Is.EqualTo(("hard", "hung_up")));
        Assert.That(hard.Ledger.Select(e => (e.Kind, e.Amount)), Is.EqualTo(new[] { (LedgerKind.Release, 50L), (LedgerKind.Charge, 3L), (LedgerKind.Earn, 3L) }),
            "15 s at 10 coins a minute: 3 coins");
        Assert.That(hard.At, Is.EqualTo(Start.AddSeconds(18)));
        Assert.That(transitions[1].Ledger.Select(e => (e.Kind, e.Amount)), Is.EqualTo(new[] { (LedgerKind.Hold, 50L) }));
    }

    [Test]
    public async Task Timers_and_operators_are_their_own_actors()
    {
        using var h = new CallServiceHarness();
        var missed = await h.RingAsync();
        await h.AdvanceAsync(20);
        var stuck = await h.ActiveCallAsync();

        var ack = await h.Service.AdminEndAsync(stuck, "support ticket 42", CancellationToken.None);

        Assert.That(ack.Ok, Is.True);
        var timer = h.Observer.Transitions.Single(t => t.Current.Id == missed && t.Current.Status.IsTerminal());
        var admin = h.Observer.Transitions.Single(t => t.Current.Id == stuck && t.Current.Status.IsTerminal());
        Assert.That((timer.Action, timer.ActorKind, timer.ActorId, timer.Current.EndReason), Is.EqualTo(("deadline", "timer", (string?)null, "no_answer")));
        Assert.That((admin.Action, admin.ActorKind, admin.ActorId, admin.Note, admin.Current.EndReason),
            Is.EqualTo(("admin-end", "admin", (string?)null, "support ticket 42", "ended_by_admin")));
        Assert.That(admin.Decision!.Trigger, Is.EqualTo("admin"));
    }

    [Test]
    public async Task Refusals_and_no_ops_are_not_transitions()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        var before = h.Observer.Transitions.Count;

        await h.CommandAsync(id, new CallCommand.Accept(Bob, "s-b1"));
        await h.CommandAsync(id, new CallCommand.Joined(Alice));
        await h.CommandAsync(id, new CallCommand.End(Carol, Permanent: true));

        Assert.That(h.Observer.Transitions, Has.Count.EqualTo(before));
    }

    [Test]
    public async Task An_operator_cannot_end_a_call_twice_nor_one_that_does_not_exist()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(30);

        var first = await h.Service.AdminEndAsync(id, null, CancellationToken.None);
        var second = await h.Service.AdminEndAsync(id, null, CancellationToken.None);
        var unknown = await h.Service.AdminEndAsync("nope", null, CancellationToken.None);

        Assert.That(first.Ok, Is.True);
        Assert.That(second.Error!.Code, Is.EqualTo(CallErrorCode.CallEnded));
        Assert.That(unknown.Error!.Code, Is.EqualTo(CallErrorCode.CallNotFound));
        Assert.That(h.Store.Ledger(id).Select(e => (e.Kind, e.Amount)),
            Is.EqualTo(new[] { (LedgerKind.Hold, 50L), (LedgerKind.Release, 50L), (LedgerKind.Charge, 5L), (LedgerKind.Earn, 5L) }), "30 s at 10 a minute, once");
        Assert.That(h.State(id), Is.EqualTo("ended ended_by_admin"));
    }
}
