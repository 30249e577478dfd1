using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>An operator's hard end from every status: settled like any hard end, with reason ended_by_admin and no user.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class AdminEndTests
{
    [TestCase(CallStatus.Pending, "cancelled", 0, 0L, "")]
    [TestCase(CallStatus.Accepted, "ended", 0, 0L, "release:50")]
    [TestCase(CallStatus.Active, "ended", 60, 10L, "release:50 charge:10 earn:10")]
    [TestCase(CallStatus.Interrupted, "ended", 55, 10L, "release:50 charge:10 earn:10")]
    public void A_live_call_ends_settled(CallStatus from, string status, int billed, long charged, string ledger)
    {
        var result = CallTransitions.Apply(For(from), new CallCommand.AdminEnd("why"), Context());

        var next = result.Next!;
        Assert.That(result.Error, Is.Null);
        Assert.That((next.Status.ToWire(), next.EndReason, next.EndedBy, next.BilledSeconds, next.CoinsCharged),
            Is.EqualTo((status, CallEndReason.EndedByAdmin, (string?)null, billed, charged)));
        Assert.That(string.Join(" ", result.Ledger.Select(e => $"{e.Kind.ToString().ToLowerInvariant()}:{e.Amount}")), Is.EqualTo(ledger));
        Assert.That(result.Effects.OfType<CallEffect.Notify>().Select(n => n.Notice), Does.Contain(CallNoticeKind.Ended));
        Assert.That(result.Users.Select(u => u.OnCall), Is.All.False, "both users are freed");
        Assert.That((result.Decision!.Trigger, result.Decision.Verdict, result.Decision.UserId), Is.EqualTo(("admin", "hard", (string?)null)));
    }

    [TestCase(CallStatus.Ended)]
    [TestCase(CallStatus.Missed)]
    [TestCase(CallStatus.Rejected)]
    [TestCase(CallStatus.Cancelled)]
    public void A_call_that_is_over_is_refused_unchanged(CallStatus from)
    {
        var result = CallTransitions.Apply(For(from), new CallCommand.AdminEnd(), Context());

        Assert.That(result.Next, Is.Null);
        Assert.That(result.Error!.Code, Is.EqualTo(CallErrorCode.CallEnded));
    }
}
