using Microsoft.Extensions.Options;

namespace Toki.Server.Media.WebRtc;

/// <summary>
/// Fails startup on ICE server entries a browser would reject or that could not carry credentials.
/// Messages name the setting by its configuration path and never contain secrets.
/// </summary>
internal sealed class WebRtcOptionsValidator : IValidateOptions<WebRtcOptions>
{
    private static readonly string[] Schemes = ["stun:", "stuns:", "turn:", "turns:"];

    public ValidateOptionsResult Validate(string? name, WebRtcOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.IceServers.Count; i++)
        {
            var path = $"{WebRtcOptions.SectionName}:{nameof(WebRtcOptions.IceServers)}:{i}";
            if (options.IceServers[i] is { } server)
            {
                ValidateServer(failures, path, server);
            }
            else
            {
                failures.Add($"{path} is empty.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateServer(List<string> failures, string path, IceServerOptions server)
    {
        var urls = server.Urls ?? [];
        if (urls.Length == 0)
        {
            failures.Add($"{path}:Urls must contain at least one URL.");
        }
        for (var j = 0; j < urls.Length; j++)
        {
            if (!Schemes.Any(scheme => urls[j]?.StartsWith(scheme, StringComparison.Ordinal) == true))
            {
                failures.Add($"{path}:Urls:{j} must start with stun:, stuns:, turn: or turns:; found '{urls[j]}'.");
            }
        }

        var hasTurnUrl = urls.Any(IsTurnUrl);
        var hasUsername = !string.IsNullOrEmpty(server.Username);
        var hasCredential = !string.IsNullOrEmpty(server.Credential);
        if (server.UsesSharedSecret)
        {
            if (hasUsername || hasCredential)
            {
                failures.Add($"{path} sets SharedSecret, so it must not also set Username or Credential.");
            }
            if (!hasTurnUrl)
            {
                failures.Add($"{path} sets SharedSecret but has no turn: or turns: URL to use it with.");
            }
        }
        else if (hasUsername != hasCredential)
        {
            failures.Add($"{path} must set both Username and Credential, or neither.");
        }
        else if (hasTurnUrl && !hasUsername)
        {
            failures.Add($"{path} has a turn: or turns: URL but no credentials; set SharedSecret, " +
                "or Username and Credential.");
        }

        if (server.CredentialTtl < IceServerOptions.MinimumCredentialTtl ||
            server.CredentialTtl > IceServerOptions.MaximumCredentialTtl)
        {
            failures.Add($"{path}:CredentialTtl must be between {IceServerOptions.MinimumCredentialTtl:c} and " +
                $"{IceServerOptions.MaximumCredentialTtl:c}; the configured value is {server.CredentialTtl:c}.");
        }
    }

    private static bool IsTurnUrl(string? url) =>
        url is not null && (url.StartsWith("turn:", StringComparison.Ordinal) ||
                            url.StartsWith("turns:", StringComparison.Ordinal));
}
