using MongoDB.Bson;
using MongoDB.Driver;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// <see cref="ICallStore"/> on MongoDB through the official driver, async end to end, in the collections <c>users</c>,
/// <c>videocalls</c> and <c>transactions</c>. It needs a replica set (a single member is enough): every commit is one
/// multi-document transaction. Failures are mapped by <see cref="MongoStoreErrors"/>.
/// </summary>
internal sealed partial class MongoCallStore : ICallStore, IDisposable
{
    private static readonly BsonDocument PingCommand = new("ping", 1);

    private readonly IMongoClient _client;
    private readonly bool _ownsClient;
    private readonly IMongoDatabase _database;
    private readonly IMongoCollection<BsonDocument> _users;
    private readonly IMongoCollection<BsonDocument> _calls;
    private readonly IMongoCollection<BsonDocument> _ledger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pingTimeout;
    private readonly TransactionOptions _transactions;

    /// <param name="client">The process's client; disposed with the store only when <paramref name="ownsClient"/>.</param>
    public MongoCallStore(IMongoClient client, string databaseName, TimeProvider time, TimeSpan pingTimeout, bool ownsClient = false)
    {
        _client = client;
        _ownsClient = ownsClient;
        _database = client.GetDatabase(databaseName);
        _users = _database.GetCollection<BsonDocument>(MongoStoreCollections.Users);
        _calls = _database.GetCollection<BsonDocument>(MongoStoreCollections.Calls);
        _ledger = _database.GetCollection<BsonDocument>(MongoStoreCollections.Ledger);
        _time = time;
        _pingTimeout = pingTimeout;
        // Majority reads and writes, on the primary; the commit waits for a majority no longer than plain writes do.
        _transactions = new TransactionOptions(ReadConcern.Majority, ReadPreference.Primary,
            WriteConcern.WMajority.With(wTimeout: client.Settings.WriteConcern.WTimeout));
    }

    public string DatabaseName => _database.DatabaseNamespace.DatabaseName;

    /// <summary>The configured hosts, for messages (never the URI, which may hold a password).</summary>
    public string Hosts => string.Join(",", _client.Settings.Servers.Select(server => server.ToString()));

    public TimeSpan ServerSelectionTimeout => _client.Settings.ServerSelectionTimeout;

    /// <summary>Creates the process's one client (no network I/O yet) and the store that owns it.</summary>
    /// <exception cref="InvalidOperationException">The URI is not a valid MongoDB connection string.</exception>
    public static MongoCallStore Open(MongoStoreOptions options, TimeProvider time, ILoggerFactory? loggerFactory)
    {
        var (settings, database) = MongoClientSettingsFactory.Create(options, loggerFactory);
        return new MongoCallStore(new MongoClient(settings), database, time, options.PingTimeout, ownsClient: true);
    }

    /// <summary>
    /// Refuses a server that is not a replica set member (nor a mongos): transactions need one. Then creates the
    /// indexes every query relies on; creating an index that exists with the same definition changes nothing.
    /// </summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken) =>
        ReadAsync(async () =>
        {
            var hello = await _database.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), ReadPreference.Primary, cancellationToken);
            if (!hello.Contains("setName") && hello.GetValue("msg", "").ToString() != "isdbgrid")
            {
                throw new InvalidOperationException(
                    $"MongoDB at {Hosts} is not a replica set member: the store commits in multi-document transactions, which need one " +
                    "(a single member is enough: start mongod with --replSet and run rs.initiate()).");
            }
            foreach (var (collection, indexes) in MongoStoreIndexes.All())
            {
                await _database.RunCommandAsync<BsonDocument>(
                    MongoStoreIndexes.CreateIndexesCommand(collection, indexes, _client.Settings.WriteConcern), ReadPreference.Primary, cancellationToken);
            }
            return true;
        });

    public Task<UserRecord?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        ReadAsync(() => FindUserAsync(null, userId, cancellationToken));

    public Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken) =>
        ReadAsync(async () => await FirstAsync(_calls, null, MongoStoreQueries.ById(callId), cancellationToken) is { } document
            ? MongoCallDocument.FromDocument(document)
            : null);

    public Task<CallRecord?> FindLiveCallAsync(string userId, CancellationToken cancellationToken) =>
        ReadAsync(() => FindLiveCallAsync(null, userId, cancellationToken));

    public Task<IReadOnlyList<CallRecord>> GetLiveCallsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<CallRecord>>(async () =>
            (await ListAsync(_calls, MongoStoreQueries.LiveCalls(), MongoStoreQueries.OldestFirst(), null, cancellationToken))
            .Select(MongoCallDocument.FromDocument).ToList());

    public Task<IReadOnlyList<CallRecord>> GetCallsDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync<IReadOnlyList<CallRecord>>(async () =>
            (await ListAsync(_calls, MongoStoreQueries.DueBy(dueBy), MongoStoreQueries.EarliestDueFirst(), limit, cancellationToken))
            .Select(MongoCallDocument.FromDocument).ToList());
    }

    public Task<CallHistoryPage> GetCallHistoryAsync(string userId, int limit, CallHistoryCursor? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync(async () =>
        {
            // One more than asked tells whether an older page exists.
            var documents = await ListAsync(_calls, MongoStoreQueries.History(userId, before), MongoStoreQueries.NewestFirst(), limit + 1, cancellationToken);
            var calls = documents.Take(limit).Select(MongoCallDocument.FromDocument).ToList();
            return documents.Count > limit
                ? new CallHistoryPage(calls, new CallHistoryCursor(calls[^1].CreatedAt, calls[^1].Id))
                : new CallHistoryPage(calls, null);
        });
    }

    public Task<CallHistoryPage> ListCallsAsync(CallQuery query, int limit, CallHistoryCursor? before, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync(async () =>
        {
            var documents = await ListAsync(_calls, MongoStoreQueries.Listing(query, before), MongoStoreQueries.NewestFirst(), limit + 1, cancellationToken);
            var calls = documents.Take(limit).Select(MongoCallDocument.FromDocument).ToList();
            return documents.Count > limit
                ? new CallHistoryPage(calls, new CallHistoryCursor(calls[^1].CreatedAt, calls[^1].Id))
                : new CallHistoryPage(calls, null);
        });
    }

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string callId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<LedgerEntry>>(async () =>
            (await ListAsync(_ledger, MongoStoreQueries.LedgerOf(callId), MongoStoreQueries.LedgerOrder(), null, cancellationToken))
            .Select(MongoLedgerDocument.FromDocument).ToList());

    /// <summary>
    /// Pings the primary, answering false rather than waiting out the driver's server selection (30 s unless the URI
    /// says otherwise) when no answer comes within <see cref="MongoStoreOptions.PingTimeout"/>.
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_pingTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _database.RunCommandAsync<BsonDocument>(PingCommand, ReadPreference.Primary, linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception) when (exception is TimeoutException or MongoException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<UserRecord?> FindUserAsync(IClientSessionHandle? session, string userId, CancellationToken cancellationToken) =>
        await FirstAsync(_users, session, MongoStoreQueries.UserById(userId), cancellationToken) is { } document
            ? MongoUserDocument.FromDocument(document)
            : null;

    private async Task<CallRecord?> FindLiveCallAsync(IClientSessionHandle? session, string userId, CancellationToken cancellationToken) =>
        await FirstAsync(_calls, session, MongoStoreQueries.LiveCallOf(userId), cancellationToken) is { } document
            ? MongoCallDocument.FromDocument(document)
            : null;

    private static async Task<BsonDocument?> FirstAsync(IMongoCollection<BsonDocument> collection, IClientSessionHandle? session, BsonDocument filter,
        CancellationToken cancellationToken)
    {
        var options = new FindOptions<BsonDocument> { Limit = 1 };
        using var cursor = session is null
            ? await collection.FindAsync(filter, options, cancellationToken)
            : await collection.FindAsync(session, filter, options, cancellationToken);
        return await cursor.FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<List<BsonDocument>> ListAsync(IMongoCollection<BsonDocument> collection, BsonDocument filter, BsonDocument sort, int? limit,
        CancellationToken cancellationToken)
    {
        using var cursor = await collection.FindAsync(filter, new FindOptions<BsonDocument> { Sort = sort, Limit = limit }, cancellationToken);
        return await cursor.ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction through the driver's <c>WithTransactionAsync</c> (which may run it
    /// more than once, and commits it unless the body aborted it). A failure is mapped knowing whether the commit had
    /// been reached: before it nothing can have been applied.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        var committing = false;
        try
        {
            using var session = await _client.StartSessionAsync(cancellationToken: cancellationToken);
            return await session.WithTransactionAsync(async (s, token) =>
            {
                committing = false;
                var result = await body(s, token);
                committing = s.IsInTransaction;
                return result;
            }, _transactions, cancellationToken);
        }
        catch (Exception exception) when (MongoStoreErrors.Translate(exception, mayHaveApplied: committing) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Runs an operation that writes nothing; its failures are mapped knowing that nothing was applied.</summary>
    private static async Task<T> ReadAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (MongoStoreErrors.Translate(exception, mayHaveApplied: false) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Runs an operation that sends a write; a transient failure may then have left it applied.</summary>
    private static async Task<T> WriteAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (MongoStoreErrors.Translate(exception, mayHaveApplied: true) is { } translated)
        {
            throw translated;
        }
    }
}
