using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Toki.EngineIO;

public static class EngineIOEndpointExtensions
{
    /// <summary>Maps an Engine.IO endpoint at <paramref name="path"/> (for example "/engine.io/").</summary>
    public static IEndpointConventionBuilder MapEngineIO(this IEndpointRouteBuilder endpoints, string path, EngineIOServer server)
    {
        var prefix = "/" + path.Trim('/');
        return endpoints.Map(prefix + "/{**rest}", server.HandleRequestAsync);
    }
}
