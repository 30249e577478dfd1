using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Toki.Server.Media.Agora;
using Toki.Server.Media.WebRtc;

namespace Toki.Server.Media;

internal static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Media:Agora</c> and <c>Media:WebRtc</c> at startup, and registers the credential
    /// builders (<see cref="AgoraRtcTokenBuilder"/>, <see cref="AgoraUidAssigner"/>, <see cref="IceServerProvider"/>)
    /// as singletons. Registers <see cref="TimeProvider.System"/> unless a TimeProvider is already registered.
    /// </summary>
    public static IServiceCollection AddMediaCredentials(this IServiceCollection services,
        IConfiguration configuration)
    {
        services.AddOptions<AgoraOptions>()
            .Bind(configuration.GetSection(AgoraOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgoraOptions>, AgoraOptionsValidator>());

        services.AddOptions<WebRtcOptions>()
            .Bind(configuration.GetSection(WebRtcOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<WebRtcOptions>, WebRtcOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AgoraRtcTokenBuilder>();
        services.TryAddSingleton<AgoraUidAssigner>();
        services.TryAddSingleton<IceServerProvider>();
        services.TryAddSingleton<AgoraMediaProvider>();
        services.TryAddSingleton<WebRtcMediaProvider>();
        // Agora when it is configured, WebRTC (SimplePeer) otherwise.
        services.TryAddSingleton<Toki.Calls.Ports.IMediaCredentialsProvider>(provider =>
            provider.GetRequiredService<IOptions<AgoraOptions>>().Value.IsConfigured
                ? provider.GetRequiredService<AgoraMediaProvider>()
                : provider.GetRequiredService<WebRtcMediaProvider>());
        return services;
    }
}
