using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    private static IEnumerable<TestCaseData> StatusAndRole() =>
        AllStatuses.SelectMany(status => new[] { "alice", "bob" }.Select(user =>
            new TestCaseData(status, user).SetName($"{status}, seen by the {(user == "alice" ? "caller" : "callee")}")));

    [TestCaseSource(nameof(StatusAndRole))]
    public async Task FindLiveCall_finds_only_a_non_terminal_call(CallStatus status, string userId)
    {
        var call = await InsertAsync(Call("c1", "alice", "bob", status));

        var found = await Store.FindLiveCallAsync(userId, None);

        if (status.IsTerminal())
        {
            Assert.That(found, Is.Null);
        }
        else
        {
            CallRecordAssert.AreEqual(found, call);
        }
    }

    [Test]
    public async Task FindLiveCall_skips_the_user_s_ended_calls()
    {
        await InsertAsync(Call("c1", "alice", "bob", CallStatus.Ended));
        await InsertAsync(Call("c2", "carol", "alice", CallStatus.Rejected, At(1)));
        await InsertAsync(Call("c3", "bob", "carol", CallStatus.Cancelled, At(2)));
        var live = await InsertAsync(Call("c4", "bob", "alice", CallStatus.Interrupted, At(3)));

        CallRecordAssert.AreEqual(await Store.FindLiveCallAsync("alice", None), live);
    }

    [Test]
    public async Task GetLiveCalls_lists_exactly_the_non_terminal_calls()
    {
        var live = new List<CallRecord>();
        for (var i = 0; i < AllStatuses.Length; i++)
        {
            var call = await InsertAsync(Call($"c{i}", $"caller{i}", $"callee{i}", AllStatuses[i], At(i)));
            if (!call.Status.IsTerminal())
            {
                live.Add(call);
            }
        }

        var found = await Store.GetLiveCallsAsync(None);

        Assert.That(found.Select(c => c.Id), Is.EquivalentTo(live.Select(c => c.Id)));
        foreach (var call in live)
        {
            CallRecordAssert.AreEqual(found.Single(c => c.Id == call.Id), call);
        }
    }

    [Test]
    public async Task GetLiveCalls_on_an_empty_store_is_empty()
    {
        Assert.That(await Store.GetLiveCallsAsync(None), Is.Empty);
    }
}
