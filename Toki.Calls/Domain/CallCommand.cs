namespace Toki.Calls.Domain;

/// <summary>Something that may change a call: a participant's action, a disconnect, or a deadline.</summary>
public abstract record CallCommand
{
    /// <summary>The callee answers from <paramref name="SocketId"/>.</summary>
    public sealed record Accept(string UserId, string SocketId) : CallCommand;

    public sealed record Reject(string UserId) : CallCommand;

    public sealed record Cancel(string UserId) : CallCommand;

    /// <summary>The participant's media joined (Agora joinChannel, SimplePeer connect).</summary>
    public sealed record Joined(string UserId) : CallCommand;

    /// <summary>An explicit <c>call:end</c>; soft unless <paramref name="Permanent"/> (see the end decision).</summary>
    public sealed record End(string UserId, bool Permanent) : CallCommand;

    public sealed record Rejoin(string UserId, string SocketId) : CallCommand;

    /// <summary><c>call:clear-all</c>: hard-ends the user's call with reason <c>cleared</c>.</summary>
    public sealed record ClearAll(string UserId) : CallCommand;

    /// <summary>The user has had no socket for the whole disconnect grace.</summary>
    public sealed record UserGone(string UserId) : CallCommand;

    /// <summary>
    /// An operator hard-ends the call (a stuck call): reason <c>ended_by_admin</c>, settled like any hard end.
    /// <paramref name="Note"/> is the operator's free-text why, for the audit log only.
    /// </summary>
    public sealed record AdminEnd(string? Note = null) : CallCommand;

    /// <summary>A timer fired: apply whatever deadline on the record has passed.</summary>
    public sealed record DeadlinesDue : CallCommand;
}
