using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// A client session (and the pooled client it lives on) for running operations in a transaction: pass it to each
/// operation. Not thread-safe, like libmongoc's sessions: one operation at a time (overlapping use throws).
/// Disposing destroys the session, which aborts a transaction still in progress, and returns the client to the pool.
/// </summary>
internal sealed class MongoSession : IDisposable
{
    private readonly MongoConnection connection;
    private readonly PooledClientHandle client;
    private readonly ClientSessionHandle handle;
    private int busy;

    internal MongoSession(MongoConnection connection, PooledClientHandle client, ClientSessionHandle handle)
    {
        this.connection = connection;
        this.client = client;
        this.handle = handle;
    }

    public bool InTransaction => LibMongocSession.InTransaction(handle);

    /// <summary>Starts a transaction with read concern majority and write concern majority.</summary>
    public void StartTransaction()
    {
        using var readConcern = ReadConcernHandle.Create();
        using var writeConcern = WriteConcernHandle.Create();
        using var options = TransactionOptsHandle.Create();
        if (!LibMongoc.ReadConcernSetLevel(readConcern, "majority"))
        {
            throw new InvalidOperationException("mongoc_read_concern_set_level(\"majority\") failed.");
        }

        LibMongoc.WriteConcernSetW(writeConcern, LibMongoc.WriteConcernWMajority);
        LibMongocSession.TransactionOptsSetReadConcern(options, readConcern);
        LibMongocSession.TransactionOptsSetWriteConcern(options, writeConcern);
        Use(connection, (_, session) =>
        {
            var error = default(BsonError);
            return LibMongocSession.StartTransaction(session!, options, ref error)
                ? true
                : throw MongoErrorMapper.FromNative(error, IntPtr.Zero);
        });
    }

    /// <summary>One commit attempt (libmongoc itself retries a commit once on a retryable error); throws the mapped error.</summary>
    public void CommitTransaction() =>
        Use(connection, (_, session) => MongoNativeCall.Invoke((reply, ref error) => LibMongocSession.CommitTransaction(session!, reply, ref error)));

    public void AbortTransaction() =>
        Use(connection, (_, session) =>
        {
            var error = default(BsonError);
            return LibMongocSession.AbortTransaction(session!, ref error)
                ? true
                : throw MongoErrorMapper.FromNative(error, IntPtr.Zero);
        });

    public void Dispose()
    {
        handle.Dispose();
        client.Dispose();
    }

    internal T Use<T>(MongoConnection owner, Func<PooledClientHandle, ClientSessionHandle?, T> operation)
    {
        if (!ReferenceEquals(owner, connection))
        {
            throw new InvalidOperationException("The session belongs to a different MongoConnection.");
        }

        if (Interlocked.Exchange(ref busy, 1) != 0)
        {
            throw new InvalidOperationException("The session is already running an operation; sessions are not thread-safe.");
        }

        try
        {
            return operation(client, handle);
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }
}
