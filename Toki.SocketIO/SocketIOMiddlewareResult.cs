namespace Toki.SocketIO;

public readonly record struct SocketIOMiddlewareResult(bool Accepted, string? Message, object? Data)
{
    public static SocketIOMiddlewareResult Continue { get; } = new(true, null, null);

    public static SocketIOMiddlewareResult Reject(string message, object? data = null) => new(false, message, data);
}
