using Toki.Calls.Domain;

namespace Toki.Server.Storage.Mongo.Store;

internal sealed partial class MongoCallStore
{
    /// <summary>
    /// In a transaction, so that it cannot clear a claim made meanwhile: a commit placing a call claims the user
    /// by writing the same user document, and one of the two transactions then conflicts and is retried.
    /// </summary>
    public Task ClearOnCallIfIdleAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync(() => _connection.WithTransaction(session =>
        {
            if (FindLiveCall(userId, session) is null)
            {
                _users.UpdateOne(MongoStoreQueries.UserById(userId), MongoStoreQueries.ClearOnCall, session: session);
            }
            return true;
        }, cancellationToken), cancellationToken);

    public Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            try
            {
                _users.InsertOne(MongoUserDocument.ToDocument(user));
                return true;
            }
            catch (MongoDuplicateKeyException exception) when (exception.IndexName == MongoStoreErrors.PrimaryIndex)
            {
                return false;
            }
        }, cancellationToken);

    public Task<UserRecord?> SetCoinsAsync(string userId, long coins, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coins);
        return RunAsync(() => _users.FindOneAndUpdate(MongoStoreQueries.UserById(userId), MongoStoreQueries.SetCoins(coins),
                new MongoFindOneAndUpdateOptions { ReturnNew = true }) is { } document
            ? MongoUserDocument.FromDocument(document)
            : null, cancellationToken);
    }
}
