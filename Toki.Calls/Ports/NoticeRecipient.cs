namespace Toki.Calls.Ports;

/// <summary>Who a notice is for, in the call domain's terms. Every recipient may be on any server of a cluster.</summary>
public abstract record NoticeRecipient
{
    private NoticeRecipient()
    {
    }

    /// <summary>
    /// Every connected socket (tab, device) of the user, except the call sockets of the call
    /// <paramref name="ExceptCallSocketsOf"/> when given.
    /// </summary>
    public sealed record User(string UserId, string? ExceptCallSocketsOf = null) : NoticeRecipient;

    /// <summary>One socket of this server (the one that just connected).</summary>
    public sealed record Socket(string SocketId) : NoticeRecipient;

    /// <summary>The user's call socket in the call, wherever it is connected.</summary>
    public sealed record CallSocket(string CallId, string UserId) : NoticeRecipient;

    /// <summary>The call sockets of both participants of a call.</summary>
    public sealed record CallSockets(string CallId) : NoticeRecipient;

    /// <summary>
    /// The call sockets of the call's participants that are connected to this server only. Each server of a cluster
    /// sends such a notice to its own, so every participant gets it once, from the server the socket is on, and no
    /// server has to be alive for another's participant to get it.
    /// </summary>
    public sealed record CallSocketsHere(string CallId) : NoticeRecipient;
}
