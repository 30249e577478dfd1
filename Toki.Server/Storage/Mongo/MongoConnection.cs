using System.Runtime.InteropServices;
using Toki.Server.Storage.Mongo.Bson;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// A thread-safe connection to MongoDB owning one libmongoc client pool (error API 2). Each operation rents a pooled
/// client for its duration and returns it; a <see cref="MongoSession"/> holds one client for its whole life.
/// Operations block the calling thread (server selection, network I/O); the Async variants run them on the thread pool.
/// With the default pool, more than maxPoolSize (100) concurrent operations wait for a free client, indefinitely unless
/// the URI sets waitQueueTimeoutMS, after which the wait fails with <see cref="MongoTransientException"/>.
/// </summary>
internal sealed class MongoConnection : IDisposable
{
    private static readonly BsonDocument PingCommand = new BsonDocumentBuilder().Add("ping", 1).Build();

    private readonly ClientPoolHandle pool;

    private MongoConnection(
        MongoConnectionSettings settings, ClientPoolHandle pool, string appName, string? uriDatabase, int writeConcernW, bool retryWrites)
    {
        Settings = settings;
        this.pool = pool;
        AppName = appName;
        UriDatabase = uriDatabase;
        WriteConcernW = writeConcernW;
        RetryWrites = retryWrites;
    }

    public MongoConnectionSettings Settings { get; }

    /// <summary>The application name sent in the handshake (from the URI if it had one, else from the settings).</summary>
    public string AppName { get; }

    /// <summary>The database in the URI's path (<c>mongodb://host/toki?…</c>), null when the path names none.</summary>
    public string? UriDatabase { get; }

    /// <summary>The URI's effective default write concern <c>w</c>: -3 is majority, -2 libmongoc's default (never left so here), n ≥ 0 a node count.</summary>
    public int WriteConcernW { get; }

    public bool IsWriteConcernMajority => WriteConcernW == LibMongoc.WriteConcernWMajority;

    public bool RetryWrites { get; }

    /// <summary>Parses the URI and creates the pool; no network I/O happens until the first operation.</summary>
    /// <exception cref="MongoInvalidUriException">libmongoc rejected the URI; the message is libmongoc's.</exception>
    /// <exception cref="MongoNativeLibraryException">libmongoc 1.23 is not installed.</exception>
    public static MongoConnection Open(MongoConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        MongocRuntime.EnsureInitialized();

        var error = default(BsonError);
        var uriPointer = LibMongoc.UriNewWithError(settings.Uri, ref error);
        if (uriPointer == IntPtr.Zero)
        {
            throw new MongoInvalidUriException((MongoErrorDomain)error.Domain, error.Code, error.MessageText);
        }

        using var uri = UriHandle.Own(uriPointer);
        ApplyDefaults(uri, settings.AppName);
        var appName = Marshal.PtrToStringUTF8(LibMongoc.UriGetAppName(uri)) ?? string.Empty;
        var uriDatabase = Marshal.PtrToStringUTF8(LibMongoc.UriGetDatabase(uri));
        var writeConcernW = LibMongoc.WriteConcernGetW(LibMongoc.UriGetWriteConcern(uri));
        var retryWrites = LibMongoc.UriGetOptionAsBool(uri, "retrywrites", true);

        var poolPointer = LibMongoc.ClientPoolNewWithError(uri, ref error);
        if (poolPointer == IntPtr.Zero)
        {
            throw MongoErrorMapper.FromNative(error, IntPtr.Zero);
        }

        var pool = ClientPoolHandle.Own(poolPointer);
        if (!LibMongoc.ClientPoolSetErrorApi(pool, LibMongoc.ErrorApiVersion2))
        {
            pool.Dispose();
            throw new InvalidOperationException("mongoc_client_pool_set_error_api(pool, 2) failed.");
        }

        return new MongoConnection(settings, pool, appName, uriDatabase, writeConcernW, retryWrites);
    }

    public MongoCollection GetCollection(string database, string collection) => new(this, database, collection);

    /// <summary>Runs <c>{ping: 1}</c> on admin: selects a server, so it fails when none is reachable in serverSelectionTimeoutMS.</summary>
    public void Ping() => RunCommand("admin", PingCommand);

    public Task PingAsync(CancellationToken cancellationToken = default) => Task.Run(Ping, cancellationToken);

    /// <summary>
    /// Runs a database command (<c>mongoc_client_command_with_opts</c>): opts may carry readConcern, writeConcern,
    /// collation, serverId. libmongoc does not turn a writeConcernError in the reply into a failure here; use
    /// <see cref="RunWriteCommand"/> for commands that write.
    /// </summary>
    public BsonDocument RunCommand(string database, BsonDocument command, BsonDocument? opts = null, MongoSession? session = null) =>
        Execute(session, (client, sessionHandle) =>
        {
            using var nativeCommand = NativeBson.FromDocument(command);
            using var nativeOpts = MongoNativeCall.Options(opts, sessionHandle);
            return MongoNativeCall.Invoke((reply, ref error) =>
                LibMongoc.ClientCommandWithOpts(client, database, nativeCommand, IntPtr.Zero, nativeOpts, reply, ref error));
        });

    /// <summary>
    /// Runs a command that writes (<c>mongoc_client_write_command_with_opts</c>): the connection's write concern applies
    /// unless opts has one, and a write concern error fails the call.
    /// </summary>
    public BsonDocument RunWriteCommand(string database, BsonDocument command, BsonDocument? opts = null, MongoSession? session = null) =>
        Execute(session, (client, sessionHandle) =>
        {
            using var nativeCommand = NativeBson.FromDocument(command);
            using var nativeOpts = MongoNativeCall.Options(opts, sessionHandle);
            return MongoNativeCall.Invoke((reply, ref error) =>
                LibMongoc.ClientWriteCommandWithOpts(client, database, nativeCommand, nativeOpts, reply, ref error));
        });

    public Task<BsonDocument> RunCommandAsync(string database, BsonDocument command, BsonDocument? opts = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => RunCommand(database, command, opts), cancellationToken);

    /// <summary>Starts a session on a client rented for the session's life; dispose it to return the client.</summary>
    public MongoSession StartSession()
    {
        var client = RentClient();
        var error = default(BsonError);
        var session = ClientSessionHandle.TryStart(client, ref error);
        if (session is null)
        {
            client.Dispose();
            throw MongoErrorMapper.FromNative(error, IntPtr.Zero);
        }

        return new MongoSession(this, client, session);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction (read concern majority, write concern majority) and commits it,
    /// retrying the whole transaction on TransientTransactionError and the commit on UnknownTransactionCommitResult
    /// until <see cref="MongoConnectionSettings.TransactionRetryTimeLimit"/>. The body may therefore run more than once;
    /// it must pass the session to every operation and have no other side effects it cannot repeat.
    /// </summary>
    public T WithTransaction<T>(Func<MongoSession, T> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var session = StartSession();
        return MongoTransactionRunner.Run(session, body, Settings.TimeProvider, Settings.TransactionRetryTimeLimit, cancellationToken);
    }

    public Task<T> WithTransactionAsync<T>(Func<MongoSession, T> body, CancellationToken cancellationToken = default) =>
        Task.Run(() => WithTransaction(body, cancellationToken), cancellationToken);

    /// <summary>The pool is destroyed once every rented client and open session has been returned.</summary>
    public void Dispose() => pool.Dispose();

    internal T Execute<T>(MongoSession? session, Func<PooledClientHandle, ClientSessionHandle?, T> operation)
    {
        if (session is not null)
        {
            return session.Use(this, operation);
        }

        using var client = RentClient();
        return operation(client, null);
    }

    private PooledClientHandle RentClient() =>
        PooledClientHandle.TryPop(pool)
        ?? throw new MongoTransientException(
            MongoErrorDomain.Pool, 0, "No client became available from the libmongoc pool within waitQueueTimeoutMS.", [], null);

    private static void ApplyDefaults(UriHandle uri, string appName)
    {
        if (LibMongoc.UriGetAppName(uri) == IntPtr.Zero && !LibMongoc.UriSetAppName(uri, appName))
        {
            throw new ArgumentException($"libmongoc rejected the app name '{appName}' (at most 128 bytes of UTF-8).", nameof(appName));
        }

        if (!LibMongoc.UriHasOption(uri, "w"))
        {
            using var writeConcern = WriteConcernHandle.CopyOf(LibMongoc.UriGetWriteConcern(uri));
            LibMongoc.WriteConcernSetW(writeConcern, LibMongoc.WriteConcernWMajority);
            LibMongoc.UriSetWriteConcern(uri, writeConcern);
        }

        if (!LibMongoc.UriHasOption(uri, "retrywrites") && !LibMongoc.UriSetOptionAsBool(uri, "retrywrites", true))
        {
            throw new InvalidOperationException("libmongoc refused to set retryWrites=true on the URI.");
        }
    }
}
