using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// <see cref="ICallStore"/> on MongoDB (a replica set: commits are transactions) through the libmongoc binding, in
/// the collections <c>users</c>, <c>videocalls</c> and <c>transactions</c>. The binding blocks, so every operation
/// runs on the thread pool; transient failures surface as <see cref="CallStoreUnavailableException"/>.
/// </summary>
internal sealed partial class MongoCallStore : ICallStore, IDisposable
{
    private const string AppName = "toki-server";

    private readonly MongoConnection _connection;
    private readonly MongoCollection _users;
    private readonly MongoCollection _calls;
    private readonly MongoCollection _ledger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pingTimeout;

    public MongoCallStore(MongoConnection connection, string database, TimeProvider time, TimeSpan pingTimeout)
    {
        _connection = connection;
        DatabaseName = database;
        _users = connection.GetCollection(database, MongoStoreCollections.Users);
        _calls = connection.GetCollection(database, MongoStoreCollections.Calls);
        _ledger = connection.GetCollection(database, MongoStoreCollections.Ledger);
        _time = time;
        _pingTimeout = pingTimeout;
    }

    public string DatabaseName { get; }

    /// <summary>
    /// Parses the URI and creates the client pool (no network I/O yet). The database is the one the URI's path names,
    /// else <see cref="MongoStoreOptions.Database"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The URI is not a MongoDB connection string (libmongoc's reason, never the URI itself, which may hold a password).</exception>
    /// <exception cref="MongoNativeLibraryException">libmongoc 1.23 is not installed.</exception>
    public static MongoCallStore Open(MongoStoreOptions options, TimeProvider time)
    {
        MongoConnection connection;
        try
        {
            connection = MongoConnection.Open(new MongoConnectionSettings(options.Uri, AppName) { TimeProvider = time });
        }
        catch (MongoInvalidUriException exception)
        {
            throw new InvalidOperationException($"{MongoStoreOptions.SectionName}:Uri is not a valid MongoDB connection string: {exception.Message}", exception);
        }
        return new MongoCallStore(connection, connection.UriDatabase ?? options.Database, time, options.PingTimeout);
    }

    /// <summary>Creates the indexes every query relies on; creating an index that exists with the same definition changes nothing.</summary>
    public Task EnsureIndexesAsync(CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            foreach (var (collection, indexes) in MongoStoreIndexes.All)
            {
                _connection.GetCollection(DatabaseName, collection).CreateIndexes(indexes);
            }
            return true;
        }, cancellationToken);

    public Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync(() => ReadUser(userId), cancellationToken);

    public Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken) =>
        RunAsync(() => _calls.FindOne(MongoStoreQueries.ById(callId)) is { } document ? MongoCallDocument.FromDocument(document) : null,
            cancellationToken);

    public Task<CallRecord?> FindLiveCallAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync(() => FindLiveCall(userId, null), cancellationToken);

    public Task<IReadOnlyList<CallRecord>> GetLiveCallsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<CallRecord>>(() => _calls
            .Find(MongoStoreQueries.LiveCalls, new MongoFindOptions { Sort = MongoStoreQueries.OldestFirst })
            .Select(MongoCallDocument.FromDocument)
            .ToList(), cancellationToken);

    public Task<CallHistoryPage> GetCallHistoryAsync(string userId, int limit, CallHistoryCursor? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return RunAsync(() =>
        {
            // One more than asked tells whether an older page exists.
            var documents = _calls.Find(MongoStoreQueries.History(userId, before),
                new MongoFindOptions { Sort = MongoStoreQueries.NewestFirst, Limit = (long)limit + 1 });
            var calls = documents.Take(limit).Select(MongoCallDocument.FromDocument).ToList();
            return documents.Count > limit
                ? new CallHistoryPage(calls, new CallHistoryCursor(calls[^1].CreatedAt, calls[^1].Id))
                : new CallHistoryPage(calls, null);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string callId, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<LedgerEntry>>(() => _ledger
            .Find(MongoStoreQueries.LedgerOf(callId), new MongoFindOptions { Sort = MongoStoreQueries.ByTime })
            .Select(MongoLedgerDocument.FromDocument)
            .ToList(), cancellationToken);

    /// <summary>
    /// Pings the server, answering false rather than waiting out libmongoc's server selection (30 s unless the URI
    /// says otherwise) when no answer comes within <see cref="MongoStoreOptions.PingTimeout"/>.
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _connection.PingAsync(cancellationToken).WaitAsync(_pingTimeout, _time, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => _connection.Dispose();

    private UserRecord? ReadUser(string userId) =>
        _users.FindOne(MongoStoreQueries.UserById(userId)) is { } document ? MongoUserDocument.FromDocument(document) : null;

    private CallRecord? FindLiveCall(string userId, MongoSession? session) =>
        _calls.FindOne(MongoStoreQueries.LiveCallOf(userId), session: session) is { } document ? MongoCallDocument.FromDocument(document) : null;

    private static async Task<T> RunAsync<T>(Func<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(operation, cancellationToken);
        }
        catch (MongoTransientException exception)
        {
            throw MongoStoreErrors.Unavailable(exception);
        }
    }
}
