using System.Text.Json;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Storage;

/// <summary>
/// Adds the development users of a seed file that the store does not have yet. Existing users are left exactly
/// as they are (their balances above all), so running it at every start is safe.
/// </summary>
internal sealed partial class UserSeeder(ICallStore store, ILogger<UserSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true };

    /// <summary>Returns how many users were added.</summary>
    public async Task<int> SeedAsync(string seedFilePath, CancellationToken cancellationToken)
    {
        UserSeedFile? file;
        await using (var stream = File.OpenRead(seedFilePath))
        {
            file = await JsonSerializer.DeserializeAsync<UserSeedFile>(stream, Json, cancellationToken);
        }
        if (file?.Users is not { } users)
        {
            throw new InvalidDataException($"The seed file '{seedFilePath}' has no \"users\" array.");
        }
        var records = users.Select(user => user is { Id: { Length: > 0 } id, Name: { Length: > 0 } name, Coins: >= 0 }
                ? new UserRecord { Id = id, Name = name, Coins = user.Coins }
                : throw new InvalidDataException($"The seed file '{seedFilePath}' has a user without id or name, or with negative coins."))
            .ToList();

        var added = 0;
        foreach (var record in records)
        {
            if (await store.CreateUserAsync(record, cancellationToken))
            {
                added++;
            }
        }
        LogSeeded(logger, seedFilePath, added, users.Count - added);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed {SeedFile}: added {Added} users, kept {Kept} existing ones")]
    private static partial void LogSeeded(ILogger logger, string seedFile, int added, int kept);
}
