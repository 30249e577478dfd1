namespace Toki.Calls.Ports;

/// <summary>Who a notice is for, in the call domain's terms.</summary>
public abstract record NoticeRecipient
{
    private NoticeRecipient()
    {
    }

    /// <summary>Every connected socket (tab, device) of the user, except <paramref name="ExceptSocketIds"/>.</summary>
    public sealed record User(string UserId, IReadOnlyCollection<string>? ExceptSocketIds = null) : NoticeRecipient;

    /// <summary>One socket (a participant's call socket).</summary>
    public sealed record Socket(string SocketId) : NoticeRecipient;

    /// <summary>The call sockets of both participants of a call.</summary>
    public sealed record CallSockets(string CallId) : NoticeRecipient;
}
