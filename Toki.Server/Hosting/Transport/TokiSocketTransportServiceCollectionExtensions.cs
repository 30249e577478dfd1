using Microsoft.AspNetCore.Connections;

namespace Toki.Server.Hosting.Transport;

public static class TokiSocketTransportServiceCollectionExtensions
{
    /// <summary>
    /// Makes Kestrel accept TCP and Unix-socket connections with Toki's socket transport. Kestrel tries the transports
    /// registered last first, so this is added after Kestrel's own, which stays for the endpoints Toki's does not bind.
    /// </summary>
    public static IServiceCollection AddTokiSocketTransport(this IServiceCollection services) =>
        services.AddSingleton<IConnectionListenerFactory, TokiSocketTransportFactory>();
}
