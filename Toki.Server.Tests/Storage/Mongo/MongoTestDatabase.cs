using MongoDB.Bson;
using MongoDB.Driver;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// A database of the test's own on the test server, with the collections mongo-init creates: the validators of
/// toki-collections.json, strict, so that every write a test makes is checked by the server as in production.
/// </summary>
internal static class MongoTestDatabase
{
    public static string NewName(string purpose) => $"toki_{purpose}_{Guid.NewGuid():N}";

    /// <summary>What mongo-init/02-collections.js does for a new database (without the indexes, which the store creates).</summary>
    public static async Task CreateCollectionsAsync(IMongoClient client, string database)
    {
        var collections = MongoInitFiles.CollectionsAsBson();
        foreach (var element in collections)
        {
            await client.GetDatabase(database).RunCommandAsync<BsonDocument>(new BsonDocument
            {
                { "create", element.Name },
                { "validator", element.Value["validator"] },
                { "validationLevel", "strict" },
                { "validationAction", "error" },
            });
        }
    }
}
