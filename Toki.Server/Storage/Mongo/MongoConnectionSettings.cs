namespace Toki.Server.Storage.Mongo;

/// <summary>
/// How to reach MongoDB. <see cref="Uri"/> is a standard connection string parsed by libmongoc; server selection,
/// connect and socket timeouts, pool size (maxPoolSize, waitQueueTimeoutMS) and TLS all come from it.
/// Unless the URI says otherwise, the connection uses write concern <c>w=majority</c> and <c>retryWrites=true</c>;
/// a URI that sets <c>w</c> or <c>retryWrites</c> explicitly wins, and the effective values are exposed on
/// <see cref="MongoConnection"/>. <see cref="AppName"/> is sent in the handshake unless the URI has <c>appname</c>.
/// </summary>
internal sealed record MongoConnectionSettings(string Uri, string AppName)
{
    /// <summary>Measures the <see cref="TransactionRetryTimeLimit"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long <see cref="MongoConnection.WithTransaction{T}"/> keeps retrying a transaction labelled
    /// TransientTransactionError, or a commit labelled UnknownTransactionCommitResult (the drivers' standard 120 s).
    /// </summary>
    public TimeSpan TransactionRetryTimeLimit { get; init; } = TimeSpan.FromSeconds(120);
}
