namespace Toki.Server.Storage;

/// <summary>One user of the seed file; it starts with no held coins, no earnings and no call.</summary>
internal sealed record UserSeedEntry(string? Id, string? Name, long Coins);
