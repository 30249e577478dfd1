using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// Task-returning forms of the blocking <see cref="MongoCollection"/> calls, run on the thread pool so that request
/// threads are not held during server selection and I/O. The token only prevents a call that has not started yet;
/// a started libmongoc call runs to completion or to its own timeouts.
/// </summary>
internal static class MongoCollectionAsync
{
    public static Task InsertOneAsync(
        this MongoCollection collection, BsonDocument document, MongoSession? session = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.InsertOne(document, session), cancellationToken);

    public static Task<IReadOnlyList<BsonDocument>> FindAsync(
        this MongoCollection collection, BsonDocument filter, MongoFindOptions? options = null, MongoSession? session = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.Find(filter, options, session), cancellationToken);

    public static Task<BsonDocument?> FindOneAsync(
        this MongoCollection collection, BsonDocument filter, MongoFindOptions? options = null, MongoSession? session = null,
        CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.FindOne(filter, options, session), cancellationToken);

    public static Task<BsonDocument?> FindOneAndUpdateAsync(
        this MongoCollection collection, BsonDocument filter, MongoUpdate update, MongoFindOneAndUpdateOptions? options = null,
        MongoSession? session = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.FindOneAndUpdate(filter, update, options, session), cancellationToken);

    public static Task<MongoUpdateResult> UpdateOneAsync(
        this MongoCollection collection, BsonDocument filter, MongoUpdate update, MongoUpdateOptions? options = null,
        MongoSession? session = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.UpdateOne(filter, update, options, session), cancellationToken);

    public static Task<MongoUpdateResult> UpdateManyAsync(
        this MongoCollection collection, BsonDocument filter, MongoUpdate update, MongoUpdateOptions? options = null,
        MongoSession? session = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.UpdateMany(filter, update, options, session), cancellationToken);

    public static Task<long> DeleteOneAsync(
        this MongoCollection collection, BsonDocument filter, MongoSession? session = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.DeleteOne(filter, session), cancellationToken);

    public static Task<long> DeleteManyAsync(
        this MongoCollection collection, BsonDocument filter, MongoSession? session = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.DeleteMany(filter, session), cancellationToken);

    public static Task<BsonDocument> CreateIndexesAsync(
        this MongoCollection collection, IReadOnlyList<MongoIndexModel> indexes, CancellationToken cancellationToken = default) =>
        Task.Run(() => collection.CreateIndexes(indexes), cancellationToken);
}
