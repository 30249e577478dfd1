using Toki.EngineIO.Connections;

namespace Toki.EngineIO;

/// <summary>
/// The Engine.IO servers whose WebSocket connections are served below Kestrel's HTTP layer (see
/// <see cref="EngineIOConnectionExtensions.UseEngineIOConnections"/>), by path. Add each server with the path it
/// is mapped at; WebSocket requests for other paths, and every other request, go through the HTTP pipeline.
/// </summary>
public sealed class EngineIOConnectionRoutes
{
    private readonly Lock _gate = new();
    private volatile EngineIOConnectionRoute[] _routes = [];

    /// <summary>Serves WebSocket upgrades for <paramref name="path"/> (for example "/socket.io/") with <paramref name="server"/>.</summary>
    public void Add(string path, EngineIOServer server)
    {
        var normalized = "/" + path.Trim('/');
        if (normalized.Length == 1 || normalized.Any(c => c is <= ' ' or > '~' or '%' or '?' or '#'))
        {
            throw new ArgumentException($"'{path}' is not a plain path below the root.", nameof(path));
        }
        lock (_gate)
        {
            if (_routes.Any(route => string.Equals(route.Path, normalized, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"An Engine.IO server is already routed at {normalized}.");
            }
            _routes = [.. _routes, new EngineIOConnectionRoute(normalized, server)];
        }
    }

    internal EngineIOConnectionRoute[] Current => _routes;
}
