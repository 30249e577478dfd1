using Microsoft.Extensions.Options;

namespace Toki.Server.Media.Agora;

/// <summary>Fails startup on unusable Agora settings. Messages never contain the configured values.</summary>
internal sealed class AgoraOptionsValidator : IValidateOptions<AgoraOptions>
{
    public ValidateOptionsResult Validate(string? name, AgoraOptions options)
    {
        var failures = new List<string>();
        if (options.IsConfigured)
        {
            CheckCredential(failures, nameof(AgoraOptions.AppId), options.AppId);
            CheckCredential(failures, nameof(AgoraOptions.AppCertificate), options.AppCertificate);
        }
        if (options.TokenTtl < AgoraOptions.MinimumTokenTtl || options.TokenTtl > AgoraOptions.MaximumTokenTtl)
        {
            failures.Add($"{AgoraOptions.SectionName}:{nameof(AgoraOptions.TokenTtl)} must be between " +
                $"{AgoraOptions.MinimumTokenTtl:c} and {AgoraOptions.MaximumTokenTtl:c}; " +
                $"the configured value is {options.TokenTtl:c}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckCredential(List<string> failures, string key, string? value)
    {
        var setting = $"{AgoraOptions.SectionName}:{key}";
        if (string.IsNullOrEmpty(value))
        {
            failures.Add($"{setting} is missing; set both AppId and AppCertificate, or neither to disable Agora.");
        }
        else if (value.Length != AgoraCredentialFormat.Length)
        {
            failures.Add($"{setting} must be exactly {AgoraCredentialFormat.Length} hexadecimal characters; " +
                $"the configured value has {value.Length}.");
        }
        else if (!AgoraCredentialFormat.IsValid(value))
        {
            failures.Add($"{setting} must be exactly {AgoraCredentialFormat.Length} hexadecimal characters; " +
                "the configured value contains other characters.");
        }
    }
}
