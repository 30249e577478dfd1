using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;
using static Toki.Server.Tests.Calls.Service.Wire;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>§4: a user whose last socket closes is treated as a non-permanent end after the 3 s grace, unless a socket comes back.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class DisconnectGraceTests
{
    [Test]
    public async Task TheLastSocketClosingSoftEndsAfterTheGrace()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(7);
        h.Notifier.Clear();

        h.Disconnect(Alice, "s-a1");
        await h.AdvanceAsync(2.999);
        Assert.That((h.State(id), h.Notifier.Lines.Count), Is.EqualTo(("active", 0)));
        await h.AdvanceAsync(0.001);

        Assert.That(h.State(id), Is.EqualTo("interrupted"));
        Assert.That(h.Store.Call(id).InterruptedUserIds, Is.EqualTo(new[] { Alice }));
        Assert.That(h.Store.Call(id).RejoinedUserIds, Is.Empty);
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[]
        {
            $"leave s-a1 {id}",
            $$"""user alice call:interrupted {"callId":"{{id}}","remainingTime":290,"rejoinDeadline":"{{Stamp(28)}}","canRejoin":true}""",
            $$"""socket s-b1 call:peer-interrupted {"callId":"{{id}}","userId":"alice","remainingTime":290,"rejoinDeadline":"{{Stamp(28)}}"}""",
        }));
    }

    [Test]
    public async Task ASocketBackWithinTheGraceCancelsIt()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        h.Disconnect(Alice, "s-a1");
        await h.AdvanceAsync(2.999);
        await h.ConnectAsync(Alice, "s-a2");

        await h.AdvanceAsync(10);

        Assert.That(h.State(id), Is.EqualTo("active"));
        Assert.That(h.Store.Call(id).RejoinedUserIds, Is.Empty, "nothing is lost and no rejoin is used");
        Assert.That(h.Logger.Named("UserGone"), Is.Empty);
    }

    [Test]
    public async Task ClosingOneOfTwoTabsIsNotADisconnect()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.ConnectAsync(Alice, "s-a2");

        h.Disconnect(Alice, "s-a1");
        await h.AdvanceAsync(10);

        Assert.That(h.State(id), Is.EqualTo("active"));
    }

    [Test]
    public async Task TheCalleeDroppingWhileRingingChangesNothing()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        await h.AdvanceAsync(1);
        h.Notifier.Clear();

        h.Disconnect(Bob, "s-b1");
        await h.AdvanceAsync(3);

        Assert.That((h.State(id), h.Notifier.Lines.Count), Is.EqualTo(("pending", 0)));
        await h.AdvanceAsync(16);
        Assert.That(h.State(id), Is.EqualTo("missed no_answer"));
    }

    [Test]
    public async Task TheCallerDroppingWhileRingingCancelsAfterTheGrace()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        await h.AdvanceAsync(1);
        h.Notifier.Clear();

        h.Disconnect(Alice, "s-a1");
        await h.AdvanceAsync(2.999);
        Assert.That(h.State(id), Is.EqualTo("pending"));
        await h.AdvanceAsync(0.001);

        Assert.That(h.State(id), Is.EqualTo("cancelled caller_disconnected"));
        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { $"leave s-a1 {id}" }.Concat(EndedLines(id, "cancelled", "caller_disconnected", 0, 0, 4))));
    }

    [Test]
    public async Task AnAwayUserDroppingChangesNothing()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        var away = h.Store.Call(id);
        h.Notifier.Clear();

        h.Disconnect(Alice, "s-a1");
        await h.AdvanceAsync(3);

        Assert.That(h.Store.Call(id), Is.SameAs(away));
        Assert.That(h.Notifier.Lines, Is.Empty);
    }

    [Test]
    public async Task ThePresentSideDroppingFromAnInterruptedCallBecomesAwayToo()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(7);
        await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: false));
        await h.AdvanceAsync(1);

        h.Disconnect(Alice, "s-a1");
        await h.AdvanceAsync(3);

        var call = h.Store.Call(id);
        Assert.That(call.InterruptedUserIds, Is.EqualTo(new[] { Bob, Alice }));
        Assert.That(call.RejoinDeadlines, Is.EquivalentTo(new Dictionary<string, DateTimeOffset>
        {
            [Bob] = Start.AddSeconds(25), [Alice] = Start.AddSeconds(29),
        }));
        await h.AdvanceAsync(10.999);
        Assert.That(h.State(id), Is.EqualTo("interrupted"));
        await h.AdvanceAsync(0.001);
        Assert.That((h.State(id), h.Store.Call(id).BilledSeconds), Is.EqualTo(("ended rejoin_timeout", 7)));
    }
}
