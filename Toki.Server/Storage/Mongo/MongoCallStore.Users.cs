using MongoDB.Driver;
using Toki.Calls.Domain;

namespace Toki.Server.Storage.Mongo;

internal sealed partial class MongoCallStore
{
    /// <summary>
    /// In a transaction, so that it cannot clear a claim made meanwhile: a commit placing a call claims the user by
    /// writing the same user document, and one of the two transactions then conflicts and is retried.
    /// </summary>
    public Task ClearOnCallIfIdleAsync(string userId, CancellationToken cancellationToken) =>
        InTransactionAsync(async (session, token) =>
        {
            if (await FindLiveCallAsync(session, userId, token) is null)
            {
                await _users.UpdateOneAsync(session, MongoStoreQueries.UserById(userId), MongoStoreQueries.ClearOnCall(), cancellationToken: token);
            }
            return true;
        }, cancellationToken);

    /// <summary>False when a user answers to this id already, also as the ObjectId of a MERN user.</summary>
    public Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            if (MongoStoreQueries.IsObjectIdHex(user.Id) && await FindUserAsync(null, user.Id, cancellationToken) is not null)
            {
                return false;
            }
            try
            {
                await _users.InsertOneAsync(MongoUserDocument.ToDocument(user), cancellationToken: cancellationToken);
                return true;
            }
            catch (Exception exception) when (MongoStoreErrors.IsDuplicateKey(exception, out var index) && index == MongoStoreErrors.PrimaryIndex)
            {
                return false;
            }
        });

    public Task<UserRecord?> SetCoinsAsync(string userId, long coins, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coins);
        return WriteAsync(async () => await _users.FindOneAndUpdateAsync(MongoStoreQueries.UserById(userId), MongoStoreQueries.SetCoins(coins),
                new FindOneAndUpdateOptions<MongoDB.Bson.BsonDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken) is { } document
            ? MongoUserDocument.FromDocument(document)
            : null);
    }
}
