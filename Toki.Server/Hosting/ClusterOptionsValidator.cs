using Microsoft.Extensions.Options;

namespace Toki.Server.Hosting;

/// <summary>Refuses, at startup, a cluster mode the server does not know (naming the ones it does) and a lease that cannot hold.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (ClusterServiceCollectionExtensions.ParseMode(options.Mode) is null)
        {
            return ValidateOptionsResult.Fail($"Cluster:Mode '{options.Mode}' is neither 'streams' nor 'classic'.");
        }
        if (options.LeaseRefresh <= TimeSpan.Zero || options.LeaseTtl <= options.LeaseRefresh)
        {
            return ValidateOptionsResult.Fail(
                $"Cluster:LeaseRefresh ({options.LeaseRefresh}) must be positive and shorter than Cluster:LeaseTtl ({options.LeaseTtl}).");
        }
        return ValidateOptionsResult.Success;
    }
}
