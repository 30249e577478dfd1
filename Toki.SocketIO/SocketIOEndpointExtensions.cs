using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Toki.EngineIO;

namespace Toki.SocketIO;

public static class SocketIOEndpointExtensions
{
    /// <summary>Maps the Socket.IO endpoint (default path "/socket.io/").</summary>
    public static IEndpointConventionBuilder MapSocketIO(this IEndpointRouteBuilder endpoints, SocketIOServer server, string path = "/socket.io/") =>
        endpoints.MapEngineIO(path, server.Engine);
}
