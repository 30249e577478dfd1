using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Toki.Server.Tests.Storage;

/// <summary>A bare host for the store registration tests: the given settings, logging, and one store registration.</summary>
internal static class StoreTestHost
{
    public static IHost Build(string contentRoot, Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> addStore)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            EnvironmentName = "Testing",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        addStore(builder.Services, builder.Configuration);
        return builder.Build();
    }
}
