namespace Toki.Server.Tests.Calls.Domain;

/// <summary>Every command the transition table covers; <c>End</c> appears twice, soft and permanent.</summary>
internal enum CommandKind
{
    Accept,
    Reject,
    Cancel,
    Joined,
    EndSoft,
    EndPermanent,
    Rejoin,
    ClearAll,
    UserGone,
    DeadlinesDue,
    AdminEnd,
}
