using Toki.Calls.Domain;

namespace Toki.Calls.Service;

/// <summary>How a command reads in the audit: its action name and who acted.</summary>
internal static class CallCause
{
    public const string User = "user";
    public const string Timer = "timer";
    public const string Admin = "admin";

    public static (string Action, string ActorKind, string? ActorId, string? Note) Of(CallCommand command) => command switch
    {
        CallCommand.Accept accept => ("accept", User, accept.UserId, null),
        CallCommand.Reject reject => ("reject", User, reject.UserId, null),
        CallCommand.Cancel cancel => ("cancel", User, cancel.UserId, null),
        CallCommand.Joined joined => ("joined", User, joined.UserId, null),
        CallCommand.End end => (end.Permanent ? "end-permanent" : "end", User, end.UserId, null),
        CallCommand.Rejoin rejoin => ("rejoin", User, rejoin.UserId, null),
        CallCommand.ClearAll clear => ("clear-all", User, clear.UserId, null),
        // The user did nothing: the disconnect grace ran out.
        CallCommand.UserGone gone => ("disconnect", Timer, gone.UserId, null),
        CallCommand.DeadlinesDue => ("deadline", Timer, null, null),
        CallCommand.AdminEnd admin => ("admin-end", Admin, null, admin.Note),
        _ => (command.GetType().Name, User, null, null),
    };
}
