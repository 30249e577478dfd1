namespace Toki.Calls.Domain;

/// <summary>A user as the call service sees it (MongoDB <c>users</c>).</summary>
public sealed record UserRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Spendable coins (holds already moved out to <see cref="HeldCoins"/>).</summary>
    public long Coins { get; init; }

    public long HeldCoins { get; init; }

    public long Earnings { get; init; }

    public bool IsOnCall { get; init; }

    public string? CurrentCallId { get; init; }
}
