namespace Toki.SocketIO;

/// <summary>
/// A middleware's verdict. <see cref="DeclinesRecovery"/> accepts the client but not the session it asked to recover
/// (see <see cref="ContinueWithoutRecovery"/>).
/// </summary>
public readonly record struct SocketIOMiddlewareResult(bool Accepted, string? Message, object? Data)
{
    public static SocketIOMiddlewareResult Continue { get; } = new(true, null, null);

    /// <summary>
    /// For a socket that is being recovered (<see cref="SocketIOSocket.Recovered"/> during the middlewares): the
    /// client is welcome, the session it presented is not restored. It gets a new socket instead (its middlewares run
    /// again on it, and <c>socket.recovered</c> is false on the client); the old session stays recoverable until its
    /// window ends. On any other connection this is the same as <see cref="Continue"/>.
    /// </summary>
    public static SocketIOMiddlewareResult ContinueWithoutRecovery { get; } = new(true, null, null) { DeclinesRecovery = true };

    public bool DeclinesRecovery { get; init; }

    public static SocketIOMiddlewareResult Reject(string message, object? data = null) => new(false, message, data);
}
