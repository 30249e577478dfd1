using System.Text;
using Microsoft.Extensions.Options;

namespace Toki.Server.Identity;

/// <summary>
/// Startup checks for <see cref="JwtOptions"/>: refuses configurations that leave the server open
/// (insecure user ids anywhere but Development) or unusable (no way to authenticate), and warns about weak ones.
/// </summary>
internal sealed class JwtOptionsValidator(IHostEnvironment environment, ILogger<JwtOptionsValidator> logger)
    : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var errors = new List<string>();
        var hasSecret = !string.IsNullOrEmpty(options.JwtSecret);

        // An allow-list, not a deny-list: Staging, an empty or a misspelt environment name all count as deployed.
        if (options.AllowInsecureUserId && !environment.IsDevelopment())
        {
            errors.Add($"Auth:AllowInsecureUserId is allowed only in the Development environment (this is '{environment.EnvironmentName}').");
        }
        if (!hasSecret && environment.IsProduction())
        {
            errors.Add("Auth:JwtSecret is required in the Production environment.");
        }
        else if (!hasSecret && !options.AllowInsecureUserId)
        {
            errors.Add("Auth:JwtSecret is empty and Auth:AllowInsecureUserId is false: there is no way to authenticate.");
        }

        if (options.ClockSkew < TimeSpan.Zero)
        {
            errors.Add("Auth:ClockSkew must not be negative.");
        }
        if (options.UserIdClaims is { } claims && (claims.Count == 0 || claims.Any(string.IsNullOrWhiteSpace)))
        {
            errors.Add("Auth:UserIdClaims must name at least one claim and no blank ones.");
        }

        if (errors.Count > 0)
        {
            return ValidateOptionsResult.Fail(errors);
        }

        var secretBytes = Encoding.UTF8.GetByteCount(options.JwtSecret);
        if (hasSecret && secretBytes < JwtOptions.RecommendedSecretBytes)
        {
            logger.LogWarning(
                "Auth:JwtSecret is only {SecretBytes} bytes; HS256 secrets should be at least {RecommendedBytes} bytes.",
                secretBytes, JwtOptions.RecommendedSecretBytes);
        }
        if (options.AllowInsecureUserId)
        {
            logger.LogWarning(
                "Auth:AllowInsecureUserId is on: clients may connect as any auth.userId without a token ({Environment} only).",
                environment.EnvironmentName);
        }
        return ValidateOptionsResult.Success;
    }
}
