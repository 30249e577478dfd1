using Microsoft.Extensions.Options;

namespace Toki.Server.Hosting;

/// <summary>Refuses a cluster mode the server does not know, at startup, naming the ones it does.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options) =>
        ClusterServiceCollectionExtensions.ParseMode(options.Mode) is null
            ? ValidateOptionsResult.Fail($"Cluster:Mode '{options.Mode}' is neither 'streams' nor 'classic'.")
            : ValidateOptionsResult.Success;
}
