using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;
using static Toki.Server.Tests.Calls.Service.Wire;

namespace Toki.Server.Tests.Calls.Service;

/// <summary><c>call:clear-all</c>: hard-ends the user's live call (reason cleared), clears isOnCall, tells every tab.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class ClearAllTests
{
    [Test]
    public async Task ALiveCallIsHardEndedAndSettled()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);
        h.Notifier.Clear();

        var ack = await h.Service.ClearAllAsync(Alice, CancellationToken.None);

        Assert.That((ack.Ok, Snapshot(ack).Status, Snapshot(ack).EndReason, Snapshot(ack).RemainingTime), Is.EqualTo((true, CallStatus.Ended, "cleared", 0)));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { $"leave s-a1 {id}", $"leave s-b1 {id}" }
            .Concat(EndedLines(id, "ended", "cleared", 10, 2, 13)).Append(Wallet(Alice, 98, 0, 0)).Append(Wallet(Bob, 0, 0, 2))));
        Assert.That(new[] { h.Store.User(Alice).IsOnCall, h.Store.User(Bob).IsOnCall }, Is.All.False);
    }

    [TestCase(Alice, "cancelled cleared")]
    [TestCase(Bob, "rejected cleared")]
    public async Task ARingingCallEndsByRole(string user, string state)
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();

        var ack = await h.Service.ClearAllAsync(user, CancellationToken.None);

        Assert.That((ack.Ok, h.State(id)), Is.EqualTo((true, state)));
    }

    [Test]
    public async Task WithoutALiveCallTheStaleFlagIsClearedAndEveryTabTold()
    {
        using var h = new CallServiceHarness();
        h.Store.Seed(h.Store.User(Carol) with { IsOnCall = true, CurrentCallId = "long-gone" });
        await h.ConnectAsync(Carol, "s-c1");
        h.Notifier.Clear();

        var ack = await h.Service.ClearAllAsync(Carol, CancellationToken.None);

        Assert.That((ack.Ok, ack.Call), Is.EqualTo((true, (object?)null)));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { """user carol call:clear-all {"callId":null,"reason":"cleared"}""" }));
        Assert.That((h.Store.User(Carol).IsOnCall, h.Store.User(Carol).CurrentCallId), Is.EqualTo((false, (string?)null)));
    }

    [Test]
    public async Task ACallThatEndsBetweenTheLookupAndTheClearIsNoError()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        var interfered = 0;
        h.Store.AfterFindLiveCall = async live =>
        {
            if (live is not null && Interlocked.Exchange(ref interfered, 1) == 0)
            {
                await h.CommandAsync(live.Id, new CallCommand.End(Bob, Permanent: true));
            }
        };
        h.Notifier.Clear();

        var ack = await h.Service.ClearAllAsync(Alice, CancellationToken.None);

        Assert.That((ack.Ok, ack.Call, h.State(id)), Is.EqualTo((true, (object?)null, "ended hung_up")));
        Assert.That(h.Notifier.Sent("call:clear-all"), Is.EqualTo(new[]
        {
            $$"""user alice call:clear-all {"callId":"{{id}}","reason":"hung_up"}""",
            $$"""user bob call:clear-all {"callId":"{{id}}","reason":"hung_up"}""",
            """user alice call:clear-all {"callId":null,"reason":"cleared"}""",
        }));
        Assert.That(h.Store.User(Alice).IsOnCall, Is.False);
    }
}
