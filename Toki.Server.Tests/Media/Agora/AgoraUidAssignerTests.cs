using NUnit.Framework;
using Toki.Server.Media.Agora;

namespace Toki.Server.Tests.Media.Agora;

[Category(TestCategories.Unit)]
internal sealed class AgoraUidAssignerTests
{
    private static AgoraUidAssigner Assigner(string certificate = AgoraTestCredentials.AppCertificate) =>
        new(AgoraTestCredentials.Options(certificate: certificate));

    public static IEnumerable<TestCaseData> Calls() =>
    [
        new TestCaseData("call_65f0c0ffee", "alice", "bob").SetArgDisplayNames("ascii ids"),
        new TestCaseData("7d72365eb983485397e3e3f9d460bdda", "user:1", "user:2").SetArgDisplayNames("colons"),
        new TestCaseData("c", "josé", "ユーザー").SetArgDisplayNames("non-ascii ids"),
        new TestCaseData("c|alice", "bob", "carol").SetArgDisplayNames("separator-like characters"),
    ];

    [TestCaseSource(nameof(Calls))]
    public void Uids_are_stable_distinct_and_never_the_wildcard(string callId, string callerId, string calleeId)
    {
        var first = Assigner().AssignCallUids(callId, callerId, calleeId);
        var again = Assigner().AssignCallUids(callId, callerId, calleeId);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first), "a new instance with the same certificate gives the same uids");
            Assert.That(first.CallerUid, Is.Not.Zero);
            Assert.That(first.CalleeUid, Is.Not.Zero);
            Assert.That(first.CalleeUid, Is.Not.EqualTo(first.CallerUid));
        });
    }

    [TestCaseSource(nameof(Calls))]
    public void Swapping_roles_swaps_the_uids(string callId, string callerId, string calleeId)
    {
        var uids = Assigner().AssignCallUids(callId, callerId, calleeId);
        var swapped = Assigner().AssignCallUids(callId, calleeId, callerId);

        Assert.That(swapped, Is.EqualTo(new AgoraCallUids(uids.CalleeUid, uids.CallerUid)));
    }

    [Test]
    public void Uids_depend_on_the_call_and_on_the_certificate()
    {
        var assigner = Assigner();
        var perCall = Enumerable.Range(0, 1000).Select(i => assigner.AssignCallUids($"call_{i}", "alice", "bob").CallerUid);
        var otherKey = Assigner(AgoraTestCredentials.OtherCertificate).AssignCallUids("call_0", "alice", "bob");

        Assert.Multiple(() =>
        {
            Assert.That(perCall.Distinct().Count(), Is.EqualTo(1000));
            Assert.That(otherKey.CallerUid, Is.Not.EqualTo(assigner.AssignCallUids("call_0", "alice", "bob").CallerUid));
        });
    }

    [Test]
    public void A_callee_whose_uid_collides_with_the_callers_takes_the_next_attempt()
    {
        const string callId = "call_collision";
        var assigner = Assigner();
        var seen = new Dictionary<uint, string>();
        (string Caller, string Callee)? collision = null;
        // About 82,000 users are expected before two share a uid (birthday bound on 2^32 - 1 values).
        for (var i = 0; i < 1_000_000 && collision is null; i++)
        {
            var user = $"user_{i}";
            if (!seen.TryAdd(assigner.DeriveUid(callId, user, 0), user))
            {
                collision = (seen[assigner.DeriveUid(callId, user, 0)], user);
            }
        }
        Assert.That(collision, Is.Not.Null, "no collision found to exercise the rule");
        var (caller, callee) = collision!.Value;

        var uids = assigner.AssignCallUids(callId, caller, callee);

        Assert.Multiple(() =>
        {
            Assert.That(uids.CallerUid, Is.EqualTo(assigner.DeriveUid(callId, caller, 0)));
            Assert.That(uids.CallerUid, Is.EqualTo(assigner.DeriveUid(callId, callee, 0)));
            Assert.That(uids.CalleeUid, Is.EqualTo(assigner.DeriveUid(callId, callee, 1)));
            Assert.That(uids.CalleeUid, Is.Not.EqualTo(uids.CallerUid));
        });
    }

    public static IEnumerable<TestCaseData> InvalidCalls() =>
    [
        new TestCaseData("c", "alice", "alice", "The caller and the callee must be different users. (Parameter 'calleeId')")
            .SetArgDisplayNames("same user"),
        new TestCaseData("", "alice", "bob", "The value cannot be an empty string. (Parameter 'callId')")
            .SetArgDisplayNames("empty call"),
        new TestCaseData("c", "", "bob", "The value cannot be an empty string. (Parameter 'callerId')")
            .SetArgDisplayNames("empty caller"),
    ];

    [TestCaseSource(nameof(InvalidCalls))]
    public void Invalid_calls_are_rejected(string callId, string callerId, string calleeId, string message)
    {
        Assert.That(() => Assigner().AssignCallUids(callId, callerId, calleeId),
            Throws.ArgumentException.With.Message.EqualTo(message));
    }

    [Test]
    public void Assigning_without_configuration_fails_clearly()
    {
        var assigner = new AgoraUidAssigner(AgoraTestCredentials.Options(null, null));

        Assert.That(() => assigner.AssignCallUids("c", "alice", "bob"),
            Throws.InvalidOperationException.With.Message.EqualTo(
                "Agora is not configured; set Media:Agora:AppId and AppCertificate."));
    }
}
