using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    /// <summary>A call of <paramref name="status"/> whose deadline in that status is <paramref name="due"/>, the others later.</summary>
    private static CallRecord CallDueAt(string id, string callerId, string calleeId, CallStatus status, DateTimeOffset due)
    {
        var later = due.AddMinutes(10);
        var call = Call(id, callerId, calleeId, status) with
        {
            RingDeadline = status == CallStatus.Pending ? due : later,
            ConnectDeadline = status == CallStatus.Accepted ? due : later,
            EndsAt = status == CallStatus.Active ? due : later,
        };
        return status == CallStatus.Interrupted
            ? call with
            {
                InterruptedUserIds = [callerId, calleeId],
                RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [callerId] = later, [calleeId] = due },
            }
            : call;
    }

    private static IEnumerable<TestCaseData> LiveStatusCases() =>
        LiveStatuses.Select(status => new TestCaseData(status).SetName($"{{m}}({status})"));

    [TestCaseSource(nameof(LiveStatusCases))]
    public async Task GetCallsDue_finds_a_live_call_by_the_deadline_of_its_status(CallStatus status)
    {
        var call = await InsertAsync(CallDueAt("c1", "alice", "bob", status, At(20)));

        var before = await Store.GetCallsDueAsync(At(19.999), 10, None);
        var at = await Store.GetCallsDueAsync(At(20), 10, None);

        Assert.That(before, Is.Empty, "a millisecond before the deadline");
        Assert.That(at, Has.Count.EqualTo(1), "at the deadline");
        CallRecordAssert.AreEqual(at[0], call);
    }

    [Test]
    public async Task GetCallsDue_skips_terminal_calls_whatever_deadlines_they_carry()
    {
        for (var i = 0; i < TerminalStatuses.Length; i++)
        {
            await InsertAsync(Call($"t{i}", $"caller{i}", $"callee{i}", TerminalStatuses[i]) with
            {
                RingDeadline = At(1), ConnectDeadline = At(1), EndsAt = At(1),
                RejoinDeadlines = new Dictionary<string, DateTimeOffset> { [$"caller{i}"] = At(1) },
            });
        }

        Assert.That(await Store.GetCallsDueAsync(At(1000), 10, None), Is.Empty);
    }

    [Test]
    public async Task GetCallsDue_lists_the_earliest_deadlines_first_up_to_the_limit()
    {
        await InsertAsync(CallDueAt("c-late", "u1", "u2", CallStatus.Active, At(30)));
        await InsertAsync(CallDueAt("c-b", "u3", "u4", CallStatus.Pending, At(10)));
        await InsertAsync(CallDueAt("c-a", "u5", "u6", CallStatus.Interrupted, At(10)));
        await InsertAsync(CallDueAt("c-first", "u7", "u8", CallStatus.Accepted, At(5)));
        await InsertAsync(CallDueAt("c-future", "u9", "u10", CallStatus.Pending, At(60)));

        var all = await Store.GetCallsDueAsync(At(30), 10, None);
        var two = await Store.GetCallsDueAsync(At(30), 2, None);

        Assert.That(all.Select(c => c.Id), Is.EqualTo(new[] { "c-first", "c-a", "c-b", "c-late" }));
        Assert.That(two.Select(c => c.Id), Is.EqualTo(new[] { "c-first", "c-a" }));
    }

    [Test]
    public async Task GetCallsDue_follows_each_commit()
    {
        var ringing = await InsertAsync(CallDueAt("c1", "alice", "bob", CallStatus.Pending, At(20)));
        var accepted = await AdvanceAsync(ringing, c => c with { Status = CallStatus.Accepted, RingDeadline = null, ConnectDeadline = At(50) });

        Assert.That(await Store.GetCallsDueAsync(At(49), 10, None), Is.Empty, "the ring deadline no longer counts once accepted");
        Assert.That((await Store.GetCallsDueAsync(At(50), 10, None)).Select(c => c.Id), Is.EqualTo(new[] { "c1" }));

        await AdvanceAsync(accepted, c => c with { Status = CallStatus.Ended, ConnectDeadline = null, EndedAt = At(50) });

        Assert.That(await Store.GetCallsDueAsync(At(1000), 10, None), Is.Empty, "an ended call is never due");
    }

    [Test]
    public void GetCallsDue_refuses_a_limit_below_one()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetCallsDueAsync(At(1), 0, None));
    }
}
