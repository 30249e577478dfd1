namespace Toki.Calls.Domain;

/// <summary>What the service must do after a transition is committed.</summary>
public abstract record CallEffect
{
    /// <summary>Sends a notice; <paramref name="UserId"/> is the user it is about (the away user, the rejoiner, ...).</summary>
    public sealed record Notify(CallNoticeKind Notice, string? UserId = null) : CallEffect;

    /// <summary>Makes <paramref name="SocketId"/> the user's call socket (it joins <c>call:&lt;id&gt;</c>).</summary>
    public sealed record AssignCallSocket(string UserId, string SocketId) : CallEffect;

    /// <summary>The user has no call socket any more (it leaves <c>call:&lt;id&gt;</c>).</summary>
    public sealed record ReleaseCallSocket(string UserId) : CallEffect;

    /// <summary>The call is over: every call socket leaves the room.</summary>
    public sealed record DisbandCallRoom : CallEffect;
}
