using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Storage.StoreTestData;

namespace Toki.Server.Tests.Storage;

internal abstract partial class CallStoreContract
{
    /// <summary>"u"'s calls newest first: h4 and h3 share a creation time, so the larger id comes first.</summary>
    private static readonly string[] HistoryOfU = ["h6", "h4", "h3", "h2", "h1"];

    /// <summary>Calls of "u" in both roles, one call without "u", one live call; inserted out of order.</summary>
    private async Task InsertHistoryAsync()
    {
        await InsertAsync(Call("h3", "u", "b", CallStatus.Ended, At(3)));
        await InsertAsync(Call("h1", "u", "a", CallStatus.Missed, At(1)));
        await InsertAsync(Call("h5", "a", "b", CallStatus.Ended, At(4)));
        await InsertAsync(Call("h4", "a", "u", CallStatus.Rejected, At(3)));
        await InsertAsync(Call("h2", "b", "u", CallStatus.Cancelled, At(2)));
        await InsertAsync(Call("h6", "u", "a", CallStatus.Active, At(5)));
    }

    [Test]
    public async Task History_lists_the_user_s_calls_in_both_roles_newest_first()
    {
        await InsertHistoryAsync();

        var page = await Store.GetCallHistoryAsync("u", 20, null, None);

        Assert.That(page.Calls.Select(c => c.Id), Is.EqualTo(HistoryOfU));
        Assert.That(page.Next, Is.Null);
        CallRecordAssert.AreEqual(page.Calls[1], Call("h4", "a", "u", CallStatus.Rejected, At(3)));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(100)]
    public async Task History_pages_follow_the_cursor_to_the_end(int limit)
    {
        await InsertHistoryAsync();

        var pages = new List<CallHistoryPage>();
        CallHistoryCursor? cursor = null;
        do
        {
            var page = await Store.GetCallHistoryAsync("u", limit, cursor, None);
            pages.Add(page);
            cursor = page.Next;
        }
        while (cursor is not null && pages.Count <= HistoryOfU.Length);

        var expected = HistoryOfU.Chunk(limit).ToList();
        Assert.That(pages.Select(p => p.Calls.Select(c => c.Id)), Is.EqualTo(expected), "each page full until the last");
        Assert.Multiple(() =>
        {
            for (var i = 0; i < pages.Count - 1; i++)
            {
                var last = pages[i].Calls[^1];
                Assert.That(pages[i].Next, Is.EqualTo(new CallHistoryCursor(last.CreatedAt, last.Id)), $"page {i}: its last call");
            }
            Assert.That(pages[^1].Next, Is.Null, "the last page: nothing older");
        });
    }

    private static IEnumerable<TestCaseData> CursorCases()
    {
        yield return new TestCaseData(new CallHistoryCursor(At(3), "h4"), new[] { "h3", "h2", "h1" }).SetName("after h4: h3 has the same time and a smaller id");
        yield return new TestCaseData(new CallHistoryCursor(At(3), "h35"), new[] { "h3", "h2", "h1" }).SetName("an id between h3 and h4");
        yield return new TestCaseData(new CallHistoryCursor(At(3), "h3"), new[] { "h2", "h1" }).SetName("after h3");
        yield return new TestCaseData(new CallHistoryCursor(At(3), "h"), new[] { "h2", "h1" }).SetName("before every id at that time");
        yield return new TestCaseData(new CallHistoryCursor(At(3), "z"), new[] { "h4", "h3", "h2", "h1" }).SetName("after every id at that time");
        yield return new TestCaseData(new CallHistoryCursor(At(4.5), "x"), new[] { "h4", "h3", "h2", "h1" }).SetName("a time between calls");
        yield return new TestCaseData(new CallHistoryCursor(At(1), "h1"), Array.Empty<string>()).SetName("after the oldest");
        yield return new TestCaseData(new CallHistoryCursor(At(99), "a"), HistoryOfU).SetName("after the newest");
    }

    [TestCaseSource(nameof(CursorCases))]
    public async Task History_before_a_cursor_lists_only_strictly_older_calls(CallHistoryCursor before, string[] expected)
    {
        await InsertHistoryAsync();

        var page = await Store.GetCallHistoryAsync("u", 20, before, None);

        Assert.That(page.Calls.Select(c => c.Id), Is.EqualTo(expected));
        Assert.That(page.Next, Is.Null);
    }

    [Test]
    public async Task History_of_a_user_without_calls_is_empty()
    {
        await InsertHistoryAsync();

        var page = await Store.GetCallHistoryAsync("nobody", 20, null, None);

        Assert.That(page.Calls, Is.Empty);
        Assert.That(page.Next, Is.Null);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void History_refuses_a_limit_below_one(int limit)
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetCallHistoryAsync("u", limit, null, None));
    }
}
