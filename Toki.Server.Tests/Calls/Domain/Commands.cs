using Toki.Calls.Domain;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>Builds the command of a kind for an actor (the actor's second tab, <c>s-&lt;actor&gt;-2</c>, where a socket matters).</summary>
internal static class Commands
{
    public static CallCommand Create(CommandKind kind, string actor) => kind switch
    {
        CommandKind.Accept => new CallCommand.Accept(actor, $"s-{actor}-2"),
        CommandKind.Reject => new CallCommand.Reject(actor),
        CommandKind.Cancel => new CallCommand.Cancel(actor),
        CommandKind.Joined => new CallCommand.Joined(actor),
        CommandKind.EndSoft => new CallCommand.End(actor, Permanent: false),
        CommandKind.EndPermanent => new CallCommand.End(actor, Permanent: true),
        CommandKind.Rejoin => new CallCommand.Rejoin(actor, $"s-{actor}-2"),
        CommandKind.ClearAll => new CallCommand.ClearAll(actor),
        CommandKind.UserGone => new CallCommand.UserGone(actor),
        CommandKind.DeadlinesDue => new CallCommand.DeadlinesDue(),
        CommandKind.AdminEnd => new CallCommand.AdminEnd(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No command for this kind: add one."),
    };
}
