using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    /// <summary>
    /// Calls of several users and statuses, inserted out of order; l3 and l4 share a creation time (the larger id
    /// lists first). Newest first: l7 l6 l4 l3 l2 l1 l5 (l5 is the oldest).
    /// </summary>
    private async Task InsertListingAsync()
    {
        await InsertAsync(Call("l3", "u", "b", CallStatus.Ended, At(3)));
        await InsertAsync(Call("l1", "a", "b", CallStatus.Missed, At(2)));
        await InsertAsync(Call("l5", "b", "a", CallStatus.Ended, At(1)));
        await InsertAsync(Call("l4", "a", "u", CallStatus.Rejected, At(3)));
        await InsertAsync(Call("l2", "c", "d", CallStatus.Interrupted, At(2.5)));
        await InsertAsync(Call("l6", "u", "a", CallStatus.Active, At(5)));
        await InsertAsync(Call("l7", "e", "f", CallStatus.Pending, At(6)));
    }

    private static IEnumerable<TestCaseData> Listings()
    {
        yield return new TestCaseData(null, null, false, new[] { "l7", "l6", "l4", "l3", "l2", "l1", "l5" }).SetName("{m}(every call)");
        yield return new TestCaseData(null, null, true, new[] { "l7", "l6", "l2" }).SetName("{m}(live)");
        yield return new TestCaseData(null, CallStatus.Ended, false, new[] { "l3", "l5" }).SetName("{m}(ended)");
        yield return new TestCaseData(null, CallStatus.Cancelled, false, Array.Empty<string>()).SetName("{m}(cancelled: none)");
        yield return new TestCaseData("u", null, false, new[] { "l6", "l4", "l3" }).SetName("{m}(user u)");
        yield return new TestCaseData("u", null, true, new[] { "l6" }).SetName("{m}(user u, live)");
        yield return new TestCaseData("a", CallStatus.Ended, false, new[] { "l5" }).SetName("{m}(user a, ended)");
        yield return new TestCaseData("b", CallStatus.Missed, false, new[] { "l1" }).SetName("{m}(user b, missed)");
        yield return new TestCaseData("nobody", null, false, Array.Empty<string>()).SetName("{m}(unknown user)");
    }

    [TestCaseSource(nameof(Listings))]
    public async Task Listing_selects_and_orders_newest_first(string? userId, CallStatus? status, bool live, string[] expected)
    {
        await InsertListingAsync();

        var page = await Store.ListCallsAsync(new CallQuery(userId, status, live), 50, null, None);

        Assert.That(page.Calls.Select(c => c.Id), Is.EqualTo(expected));
        Assert.That(page.Next, Is.Null);
    }

    [TestCaseSource(nameof(Listings))]
    public async Task Listing_pages_of_two_follow_the_cursor_to_the_end(string? userId, CallStatus? status, bool live, string[] expected)
    {
        await InsertListingAsync();
        var query = new CallQuery(userId, status, live);

        var pages = new List<CallHistoryPage>();
        CallHistoryCursor? cursor = null;
        do
        {
            var page = await Store.ListCallsAsync(query, 2, cursor, None);
            pages.Add(page);
            cursor = page.Next;
        }
        while (cursor is not null && pages.Count <= expected.Length);

        Assert.That(pages.Select(p => p.Calls.Select(c => c.Id)), Is.EqualTo(expected.Length == 0 ? [Array.Empty<string>()] : expected.Chunk(2)));
        Assert.That(pages.Last().Next, Is.Null);
        Assert.That(pages.SkipLast(1).Select(p => p.Next), Has.All.Not.Null, "a cursor on every page but the last");
    }

    [Test]
    public async Task Listing_returns_whole_records()
    {
        var full = FullCall("full", "x", "y", CallStatus.Interrupted);
        await InsertAsync(full);

        var page = await Store.ListCallsAsync(new CallQuery(liveOnly: true), 10, null, None);

        Assert.That(page.Calls, Has.Count.EqualTo(1));
        CallRecordAssert.AreEqual(page.Calls[0], full);
    }

    [Test]
    public async Task Listing_follows_status_changes()
    {
        var call = await InsertAsync(Call("moving", "p", "q", CallStatus.Active, At(1)));
        Assert.That((await Store.ListCallsAsync(new CallQuery(liveOnly: true), 10, null, None)).Calls.Select(c => c.Id), Is.EqualTo(new[] { "moving" }));

        await AdvanceAsync(call, c => c with { Status = CallStatus.Ended });

        Assert.That((await Store.ListCallsAsync(new CallQuery(liveOnly: true), 10, null, None)).Calls, Is.Empty);
        Assert.That((await Store.ListCallsAsync(new CallQuery(status: CallStatus.Ended), 10, null, None)).Calls.Select(c => c.Id),
            Is.EqualTo(new[] { "moving" }));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Listing_refuses_a_limit_below_one(int limit) =>
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListCallsAsync(CallQuery.All, limit, null, None));
}
