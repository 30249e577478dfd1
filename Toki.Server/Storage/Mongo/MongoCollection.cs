using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// CRUD on one collection. Cheap to create and thread-safe: each call rents a pooled client (or uses the session's)
/// and a fresh <c>mongoc_collection_t</c>. Writes use the connection's write concern (majority unless the URI says
/// otherwise) unless <c>Extra</c> opts carry a writeConcern; in a transaction the transaction's concerns apply.
/// </summary>
internal sealed class MongoCollection
{
    private readonly MongoConnection connection;

    internal MongoCollection(MongoConnection connection, string database, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentException.ThrowIfNullOrEmpty(name);
        this.connection = connection;
        DatabaseName = database;
        Name = name;
    }

    public string DatabaseName { get; }

    public string Name { get; }

    /// <summary>Inserts one document. libmongoc adds an ObjectId <c>_id</c> if the document has none; give one to know it.</summary>
    public void InsertOne(BsonDocument document, MongoSession? session = null) =>
        OnCollection(session, (collection, sessionHandle) =>
        {
            using var nativeDocument = NativeBson.FromDocument(document);
            using var opts = MongoNativeCall.Options(null, sessionHandle);
            return MongoNativeCall.Invoke((reply, ref error) => LibMongocCollection.InsertOne(collection, nativeDocument, opts, reply, ref error));
        });

    /// <summary>Runs the query and reads the whole cursor.</summary>
    public IReadOnlyList<BsonDocument> Find(BsonDocument filter, MongoFindOptions? options = null, MongoSession? session = null) =>
        OnCollection(session, (collection, sessionHandle) =>
        {
            using var nativeFilter = NativeBson.FromDocument(filter);
            using var opts = MongoNativeCall.Options(options?.ToOpts(), sessionHandle);
            using var cursor = CursorHandle.Find(collection, nativeFilter, opts);
            var documents = new List<BsonDocument>();
            while (LibMongocCollection.CursorNext(cursor, out var document))
            {
                documents.Add(NativeBson.ToDocument(document));
            }

            var error = default(BsonError);
            if (LibMongocCollection.CursorErrorDocument(cursor, ref error, out var errorReply))
            {
                throw MongoErrorMapper.FromNative(error, errorReply);
            }

            return documents;
        });

    public BsonDocument? FindOne(BsonDocument filter, MongoFindOptions? options = null, MongoSession? session = null) =>
        Find(filter, (options ?? new MongoFindOptions()) with { Limit = 1 }, session).FirstOrDefault();

    /// <summary>
    /// Atomically updates the first document matching <paramref name="filter"/> (in <see cref="MongoFindOneAndUpdateOptions.Sort"/>
    /// order) and returns it as it was before, or after with <see cref="MongoFindOneAndUpdateOptions.ReturnNew"/>;
    /// null when nothing matched and nothing was upserted.
    /// </summary>
    public BsonDocument? FindOneAndUpdate(
        BsonDocument filter, MongoUpdate update, MongoFindOneAndUpdateOptions? options = null, MongoSession? session = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        options ??= new MongoFindOneAndUpdateOptions();
        var reply = OnCollection(session, (collection, sessionHandle) =>
        {
            using var nativeFilter = NativeBson.FromDocument(filter);
            using var famOpts = FindAndModifyOptsHandle.Create();
            using (var nativeUpdate = NativeBson.FromDocument(update.Bytes))
            {
                Require(LibMongocCollection.FindAndModifyOptsSetUpdate(famOpts, nativeUpdate), "update");
            }

            if (options.Sort is not null)
            {
                using var sort = NativeBson.FromDocument(options.Sort);
                Require(LibMongocCollection.FindAndModifyOptsSetSort(famOpts, sort), "sort");
            }

            if (options.Projection is not null)
            {
                using var fields = NativeBson.FromDocument(options.Projection);
                Require(LibMongocCollection.FindAndModifyOptsSetFields(famOpts, fields), "fields");
            }

            var flags = (options.Upsert ? FindAndModifyFlags.Upsert : 0) | (options.ReturnNew ? FindAndModifyFlags.ReturnNew : 0);
            Require(LibMongocCollection.FindAndModifyOptsSetFlags(famOpts, flags), "flags");
            using (var extra = MongoNativeCall.Options(options.Extra, sessionHandle))
            {
                Require(LibMongocCollection.FindAndModifyOptsAppend(famOpts, extra), "extra options");
            }

            return MongoNativeCall.Invoke((reply, ref error) =>
                LibMongocCollection.FindAndModifyWithOpts(collection, nativeFilter, famOpts, reply, ref error));
        });

        return reply.TryGetValue("value", out var value) && value.Type == BsonType.Document ? value.AsDocument : null;
    }

    public MongoUpdateResult UpdateOne(BsonDocument filter, MongoUpdate update, MongoUpdateOptions? options = null, MongoSession? session = null) =>
        Update(filter, update, options, session, many: false);

    public MongoUpdateResult UpdateMany(BsonDocument filter, MongoUpdate update, MongoUpdateOptions? options = null, MongoSession? session = null) =>
        Update(filter, update, options, session, many: true);

    /// <summary>Deletes at most one matching document; returns the deleted count.</summary>
    public long DeleteOne(BsonDocument filter, MongoSession? session = null) => Delete(filter, session, many: false);

    public long DeleteMany(BsonDocument filter, MongoSession? session = null) => Delete(filter, session, many: true);

    /// <summary>
    /// Creates indexes with the <c>createIndexes</c> database command (libmongoc 1.23 has no create-indexes helper
    /// that takes index models). Creating an index that already exists with the same definition succeeds.
    /// </summary>
    public BsonDocument CreateIndexes(IReadOnlyList<MongoIndexModel> indexes, MongoSession? session = null)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        if (indexes.Count == 0)
        {
            throw new ArgumentException("At least one index is required.", nameof(indexes));
        }

        var command = new BsonDocumentBuilder()
            .Add("createIndexes", Name)
            .AddArray("indexes", array =>
            {
                foreach (var index in indexes)
                {
                    array.AddDocument(index.WriteTo);
                }
            })
            .Build();
        return connection.RunWriteCommand(DatabaseName, command, session: session);
    }

    private MongoUpdateResult Update(BsonDocument filter, MongoUpdate update, MongoUpdateOptions? options, MongoSession? session, bool many)
    {
        ArgumentNullException.ThrowIfNull(update);
        var reply = OnCollection(session, (collection, sessionHandle) =>
        {
            using var nativeFilter = NativeBson.FromDocument(filter);
            using var nativeUpdate = NativeBson.FromDocument(update.Bytes);
            using var opts = MongoNativeCall.Options((options ?? new MongoUpdateOptions()).ToOpts(), sessionHandle);
            return MongoNativeCall.Invoke((reply, ref error) => many
                ? LibMongocCollection.UpdateMany(collection, nativeFilter, nativeUpdate, opts, reply, ref error)
                : LibMongocCollection.UpdateOne(collection, nativeFilter, nativeUpdate, opts, reply, ref error));
        });
        return MongoUpdateResult.FromReply(reply);
    }

    private long Delete(BsonDocument filter, MongoSession? session, bool many)
    {
        var reply = OnCollection(session, (collection, sessionHandle) =>
        {
            using var nativeFilter = NativeBson.FromDocument(filter);
            using var opts = MongoNativeCall.Options(null, sessionHandle);
            return MongoNativeCall.Invoke((reply, ref error) => many
                ? LibMongocCollection.DeleteMany(collection, nativeFilter, opts, reply, ref error)
                : LibMongocCollection.DeleteOne(collection, nativeFilter, opts, reply, ref error));
        });
        return reply.TryGetValue("deletedCount", out var count) ? count.AsInt64 : 0;
    }

    private T OnCollection<T>(MongoSession? session, Func<CollectionHandle, ClientSessionHandle?, T> operation) =>
        connection.Execute(session, (client, sessionHandle) =>
        {
            using var collection = CollectionHandle.Get(client, DatabaseName, Name);
            return operation(collection, sessionHandle);
        });

    private static void Require(bool succeeded, string what)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"libmongoc rejected the find-and-modify {what}.");
        }
    }
}
