using NUnit.Framework;
using Toki.Calls.Domain;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// Every status × every command × every actor against <see cref="TransitionMatrix"/>. A status, a command kind or
/// a <see cref="CallCommand"/> type without rows fails <see cref="TheTableCoversEveryStatusCommandAndActorOnce"/>
/// or <see cref="EveryCommandTypeHasAKind"/>.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallTransitionsMatrixTests
{
    private static IEnumerable<TestCaseData> Cases() => TransitionMatrix.Rows().Select(row =>
        new TestCaseData(row.Status, row.Command, row.Actor, row.Expected)
            .SetName($"{row.Status.ToWire()} × {row.Command} by {row.Actor} → {row.Expected}"));

    [TestCaseSource(nameof(Cases))]
    public void Apply(CallStatus status, CommandKind command, string actor, string expected)
    {
        var call = CallRecords.For(status);
        var result = CallTransitions.Apply(call, Commands.Create(command, actor), CallRecords.Context());

        Assert.That(Outcome.Describe(result), Is.EqualTo(expected));
        if (result.Next is { } next)
        {
            Assert.That(next.Version, Is.EqualTo(call.Version + 1), "every change bumps the version by one");
            Assert.That(next.Id, Is.EqualTo(call.Id));
        }
        else
        {
            Assert.That((result.Ledger.Count, result.Users.Count, result.Effects.Count), Is.EqualTo((0, 0, 0)),
                "a refusal or a no-op writes and sends nothing");
        }
    }

    [Test]
    public void TheTableCoversEveryStatusCommandAndActorOnce()
    {
        var required = Enum.GetValues<CallStatus>()
            .SelectMany(status => Enum.GetValues<CommandKind>().SelectMany(command =>
                TransitionMatrix.ActorsOf(command).Select(actor => (status, command, actor))))
            .ToList();
        var present = TransitionMatrix.Rows().Select(row => (row.Status, row.Command, row.Actor)).ToList();

        Assert.That(present, Is.Unique, "one row per (status, command, actor)");
        Assert.That(present, Is.EquivalentTo(required));
        foreach (var status in Enum.GetValues<CallStatus>())
        {
            Assert.That(CallRecords.For(status).Status, Is.EqualTo(status));
        }
    }

    [Test]
    public void EveryCommandTypeHasAKind()
    {
        var commandTypes = typeof(CallCommand).GetNestedTypes().Where(type => type.IsSubclassOf(typeof(CallCommand)));
        var covered = Enum.GetValues<CommandKind>().Select(kind => Commands.Create(kind, CallRecords.Caller).GetType()).Distinct();

        Assert.That(covered, Is.EquivalentTo(commandTypes));
    }
}
