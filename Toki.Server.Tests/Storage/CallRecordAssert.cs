using NUnit.Framework;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.Storage;

internal static class CallRecordAssert
{
    /// <summary>
    /// Field by field: the collections by content, then the whole record (record equality compares every other
    /// property, including any added later).
    /// </summary>
    public static void AreEqual(CallRecord? actual, CallRecord expected)
    {
        Assert.That(actual, Is.Not.Null, $"call {expected.Id} is missing");
        Assert.Multiple(() =>
        {
            Assert.That(actual!.JoinedUserIds, Is.EqualTo(expected.JoinedUserIds), nameof(CallRecord.JoinedUserIds));
            Assert.That(actual.InterruptedUserIds, Is.EqualTo(expected.InterruptedUserIds), nameof(CallRecord.InterruptedUserIds));
            Assert.That(actual.RejoinedUserIds, Is.EqualTo(expected.RejoinedUserIds), nameof(CallRecord.RejoinedUserIds));
            Assert.That(actual.RejoinDeadlines, Is.EquivalentTo(expected.RejoinDeadlines), nameof(CallRecord.RejoinDeadlines));
            Assert.That(actual with
            {
                JoinedUserIds = expected.JoinedUserIds,
                InterruptedUserIds = expected.InterruptedUserIds,
                RejoinedUserIds = expected.RejoinedUserIds,
                RejoinDeadlines = expected.RejoinDeadlines,
            }, Is.EqualTo(expected));
        });
    }

    public static void AreEqual(IReadOnlyList<CallRecord> actual, IReadOnlyList<CallRecord> expected)
    {
        Assert.That(actual.Select(c => c.Id), Is.EqualTo(expected.Select(c => c.Id)));
        for (var i = 0; i < expected.Count; i++)
        {
            AreEqual(actual[i], expected[i]);
        }
    }
}
