namespace Toki.Server.Storage.Mongo;

/// <summary>Error labels libmongoc and the server attach to replies (<c>errorLabels</c>).</summary>
internal static class MongoErrorLabels
{
    public const string TransientTransactionError = "TransientTransactionError";
    public const string UnknownTransactionCommitResult = "UnknownTransactionCommitResult";
    public const string RetryableWriteError = "RetryableWriteError";
}
