using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>The exact effects of each kind of transition, in order: which notices, about whom, and which call-socket moves.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class TransitionEffectsTests
{
    private static CallEffect N(CallNoticeKind notice, string? user = null) => new CallEffect.Notify(notice, user);

    private static TestCaseData Row(string name, CallRecord call, CallCommand command, double at, params CallEffect[] effects) =>
        new TestCaseData(call, command, at, effects).SetName(name);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Row("accept: the callee's socket joins, both proceed, other tabs are cleared, the caller's wallet changes",
            Pending(), new CallCommand.Accept(Callee, "s-b2"), 0,
            new CallEffect.AssignCallSocket(Callee, "s-b2"), N(CallNoticeKind.Proceed, Caller), N(CallNoticeKind.Proceed, Callee),
            N(CallNoticeKind.AnsweredElsewhere), N(CallNoticeKind.WalletUpdated, Caller));
        yield return Row("first join: nothing to send", Accepted(), new CallCommand.Joined(Caller), 0);
        yield return Row("second join: started to the room", Accepted() with { JoinedUserIds = [Callee] }, new CallCommand.Joined(Caller), 0,
            N(CallNoticeKind.Started));
        yield return Row("present side joins while the peer is away: nothing to send", Interrupted() with { JoinedUserIds = [] },
            new CallCommand.Joined(Caller), 0);
        yield return Row("soft end: the ender's call socket is released, then interrupted and peer-interrupted",
            Active(), new CallCommand.End(Callee, false), 0,
            new CallEffect.ReleaseCallSocket(Callee), N(CallNoticeKind.Interrupted, Callee), N(CallNoticeKind.PeerInterrupted, Callee));
        yield return Row("disconnect: the same as a soft end", Accepted(), new CallCommand.UserGone(Caller), 0,
            new CallEffect.ReleaseCallSocket(Caller), N(CallNoticeKind.Interrupted, Caller), N(CallNoticeKind.PeerInterrupted, Caller));
        yield return Row("rejoin: the rejoining socket joins, rejoined, peer-rejoined", Interrupted(), new CallCommand.Rejoin(Callee, "s-b3"), 1,
            new CallEffect.AssignCallSocket(Callee, "s-b3"), N(CallNoticeKind.Rejoined, Callee), N(CallNoticeKind.PeerRejoined, Callee));
        yield return Row("rejoin while the peer is still away: the same effects", BothAway(), new CallCommand.Rejoin(Caller, "s-a3"), 1,
            new CallEffect.AssignCallSocket(Caller, "s-a3"), N(CallNoticeKind.Rejoined, Caller), N(CallNoticeKind.PeerRejoined, Caller));
        yield return Row("hard end of a ringing call: room disbanded, ended, no wallet", Pending(), new CallCommand.Reject(Callee), 0,
            new CallEffect.DisbandCallRoom(), N(CallNoticeKind.Ended));
        yield return Row("hard end with talk: both wallets, caller first", Active(), new CallCommand.ClearAll(Callee), 0,
            new CallEffect.DisbandCallRoom(), N(CallNoticeKind.Ended), N(CallNoticeKind.WalletUpdated, Caller), N(CallNoticeKind.WalletUpdated, Callee));
    }

    [TestCaseSource(nameof(Cases))]
    public void Effects(CallRecord call, CallCommand command, double at, CallEffect[] effects)
    {
        var result = CallTransitions.Apply(call, command, Context(at));

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Effects, Is.EqualTo(effects));
    }
}
