using System.Text.Json;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>The files of <c>mongo-init/</c> that the store must agree with, read as the mongosh scripts read them.</summary>
internal static class MongoInitFiles
{
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "mongo-init");

    /// <summary><c>toki-collections.json</c>: collection name to { validator, indexes }.</summary>
    public static JsonDocument Collections() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "toki-collections.json")));

    /// <summary>The <c>$jsonSchema</c> of one collection's validator.</summary>
    public static JsonElement Schema(JsonDocument collections, string collection) =>
        collections.RootElement.GetProperty(collection).GetProperty("validator").GetProperty("$jsonSchema");

    /// <summary>
    /// One collection's index specifications as BSON, parsed from the JSON by libbson, which (like mongosh) reads
    /// small integers as Int32: byte equality with the store's definitions is the server's notion of "the same index".
    /// </summary>
    public static IReadOnlyList<BsonDocument> Indexes(JsonDocument collections, string collection) =>
        collections.RootElement.GetProperty(collection).GetProperty("indexes").EnumerateArray()
            .Select(index =>
            {
                using var native = NativeBson.FromExtendedJson(index.GetRawText());
                return NativeBson.ToDocument(native);
            })
            .ToList();
}
