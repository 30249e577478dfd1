using Toki.Calls.Domain;

namespace Toki.Server.Tests.Calls.Domain;

/// <summary>
/// A transition's outcome in one short string: <c>unchanged</c>, <c>error not_allowed</c>, a new status
/// (<c>interrupted</c>), a terminal status with its reason (<c>ended hung_up</c>), or both a hard end and an
/// error (<c>cancelled insufficient_coins, error insufficient_coins</c>).
/// </summary>
internal static class Outcome
{
    public static string Describe(TransitionResult result)
    {
        if (result.Next is not { } next)
        {
            return result.Error is { } error ? $"error {error.Code}" : "unchanged";
        }
        var text = next.Status.IsTerminal() ? $"{next.Status.ToWire()} {next.EndReason}" : next.Status.ToWire();
        return result.Error is { } also ? $"{text}, error {also.Code}" : text;
    }
}
