using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Domain.CallRecords;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// <c>call:request</c>: the checks in order (self_call, user_not_found, caller_busy, callee_busy, callee_offline,
/// insufficient_coins) — each row also fails every later check — and the exact ringing call it creates.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallFactoryTests
{
    private static readonly UserRecord Alice = new() { Id = Caller, Name = "Alice", Coins = 100 };
    private static readonly UserRecord Bob = new() { Id = Callee, Name = "Bob" };

    private static CallRequest Request(long coins = 100, string calleeId = Callee, bool calleeKnown = true, bool callerBusy = false,
        bool calleeBusy = false, bool calleeOnline = true) =>
        new(CallId, Alice with { Coins = coins }, calleeKnown ? Bob with { Id = calleeId } : null, calleeId, CallType.Audio, "s-a1",
            callerBusy, calleeBusy, calleeOnline);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Request(coins: 0, calleeId: Caller, callerBusy: true, calleeBusy: true, calleeOnline: false), "error self_call")
            .SetName("self_call before everything");
        yield return new TestCaseData(Request(coins: 0, calleeKnown: false, callerBusy: true, calleeOnline: false), "error user_not_found")
            .SetName("user_not_found before busy, offline and coins");
        yield return new TestCaseData(Request(coins: 0, callerBusy: true, calleeBusy: true, calleeOnline: false), "error caller_busy")
            .SetName("caller_busy before callee_busy");
        yield return new TestCaseData(Request(coins: 0, calleeBusy: true, calleeOnline: false), "error callee_busy")
            .SetName("callee_busy before callee_offline");
        yield return new TestCaseData(Request(coins: 0, calleeOnline: false), "error callee_offline")
            .SetName("callee_offline before insufficient_coins");
        yield return new TestCaseData(Request(coins: 9), "error insufficient_coins").SetName("9 coins at 10 a minute");
        yield return new TestCaseData(Request(coins: 10), "pending").SetName("exactly one minute of coins");
    }

    [TestCaseSource(nameof(Cases))]
    public void ChecksInOrder(CallRequest request, string expected) =>
        Assert.That(Outcome.Describe(CallFactory.Create(request, Context())), Is.EqualTo(expected));

    [Test]
    public void CreatesARingingCall()
    {
        var result = CallFactory.Create(Request(coins: 40), Context(2));

        Assert.That(result.Next, Is.EqualTo(new CallRecord
        {
            Id = CallId,
            CallerId = Caller,
            CalleeId = Callee,
            CallerName = "Alice",
            CalleeName = "Bob",
            Type = CallType.Audio,
            Status = CallStatus.Pending,
            CreatedAt = At(2),
            RingDeadline = At(22),
            DurationLimitSec = 240,
            RatePerMinute = 10,
            Version = 1,
            JoinedUserIds = result.Next!.JoinedUserIds,
            InterruptedUserIds = result.Next.InterruptedUserIds,
            RejoinedUserIds = result.Next.RejoinedUserIds,
            RejoinDeadlines = result.Next.RejoinDeadlines,
        }));
        Assert.That(result.Next.JoinedUserIds.Concat(result.Next.InterruptedUserIds).Concat(result.Next.RejoinedUserIds), Is.Empty);
        Assert.That(result.Next.RejoinDeadlines, Is.Empty);
        Assert.That(result.Ledger, Is.Empty);
        Assert.That(result.Users, Is.EqualTo(new[] { new UserPatch(Caller, CallId, OnCall: true), new UserPatch(Callee, CallId, OnCall: true) }));
        Assert.That(result.Effects, Is.EqualTo(new CallEffect[]
        {
            new CallEffect.AssignCallSocket(Caller, "s-a1"),
            new CallEffect.Notify(CallNoticeKind.Incoming, Callee),
            new CallEffect.Notify(CallNoticeKind.Ringing, Caller),
        }));
    }
}
