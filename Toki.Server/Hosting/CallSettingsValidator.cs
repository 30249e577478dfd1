using Microsoft.Extensions.Options;
using Toki.Calls.Domain;

namespace Toki.Server.Hosting;

internal sealed class CallSettingsValidator : IValidateOptions<CallSettings>
{
    public ValidateOptionsResult Validate(string? name, CallSettings options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
