using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Toki.Server.Identity;

internal static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="JwtOptions"/> from the <c>Auth</c> section, validates them when the host starts
    /// (so a bad configuration stops startup) and registers <see cref="JwtValidator"/>.
    /// </summary>
    public static IServiceCollection AddJwtValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JwtValidator>();
        return services;
    }
}
