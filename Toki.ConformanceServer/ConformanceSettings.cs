using Toki.EngineIO;
using Toki.SocketIO;

namespace Toki.ConformanceServer;

/// <summary>The settings and handlers the official suites expect; also used by the project's own tests.</summary>
public static class ConformanceSettings
{
    public static EngineIOOptions Engine() => new()
    {
        PingInterval = TimeSpan.FromMilliseconds(300),
        PingTimeout = TimeSpan.FromMilliseconds(200),
        MaxPayload = 1_000_000,
        AllowedOrigins = ["*"],
    };

    public static void ConfigureHandlers(SocketIOServer io)
    {
        io.Of("/")
            .OnConnection(socket =>
            {
                socket.Emit("auth", socket.Handshake.Auth);
                return ValueTask.CompletedTask;
            })
            .On("message", context =>
            {
                context.Socket.Emit("message-back", context.Args);
                return ValueTask.CompletedTask;
            })
            .On("message-with-ack", context =>
            {
                context.Ack(context.Args);
                return ValueTask.CompletedTask;
            });
        io.Of("/custom").OnConnection(socket =>
        {
            socket.Emit("auth", socket.Handshake.Auth);
            return ValueTask.CompletedTask;
        });
    }
}
