using System.Text.Json;
using MongoDB.Bson;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>The files of <c>mongo-init/</c> that the store must agree with.</summary>
internal static class MongoInitFiles
{
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "mongo-init");

    public static string CollectionsPath { get; } = Path.Combine(Folder, "toki-collections.json");

    /// <summary><c>toki-collections.json</c>: collection name to { validator, indexes }.</summary>
    public static JsonDocument Collections() => JsonDocument.Parse(File.ReadAllText(CollectionsPath));

    /// <summary>The <c>$jsonSchema</c> of one collection's validator.</summary>
    public static JsonElement Schema(JsonDocument collections, string collection) =>
        collections.RootElement.GetProperty(collection).GetProperty("validator").GetProperty("$jsonSchema");

    /// <summary>
    /// The file as BSON, read as mongosh's <c>JSON.parse</c> and the server read it: whole numbers that fit become Int32.
    /// </summary>
    public static BsonDocument CollectionsAsBson() => BsonDocument.Parse(File.ReadAllText(CollectionsPath));

    /// <summary>One collection's validator document, <c>{ $jsonSchema: … }</c>.</summary>
    public static BsonDocument Validator(string collection) => CollectionsAsBson()[collection]["validator"].AsBsonDocument;

    /// <summary>One collection's index specifications.</summary>
    public static IReadOnlyList<BsonDocument> Indexes(string collection) =>
        CollectionsAsBson()[collection]["indexes"].AsBsonArray.Select(index => index.AsBsonDocument).ToList();
}
