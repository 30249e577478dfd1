namespace Toki.Server.Storage;

/// <summary>The seed file: <c>{ "users": [ { "id": "alice", "name": "Alice", "coins": 500 } ] }</c>.</summary>
internal sealed record UserSeedFile(IReadOnlyList<UserSeedEntry>? Users);
