namespace Toki.Calls.Domain;

/// <summary>
/// One billing step (collection <c>transactions</c>). <see cref="Key"/> is unique per call and step, so a
/// retried or repeated step can never be applied twice.
/// </summary>
public sealed record LedgerEntry(string CallId, LedgerKind Kind, string UserId, long Amount, DateTimeOffset At)
{
    public string Key => $"{CallId}:{Kind.ToString().ToLowerInvariant()}";
}
