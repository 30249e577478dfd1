using MongoDB.Driver;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// Maps the driver's exceptions to the port's outcomes. A duplicate key is an answer the store interprets itself
/// (<see cref="IsDuplicateKey"/>). A failure whose write may have landed is <see cref="CallStoreOutcomeUnknownException"/>:
/// an <c>UnknownTransactionCommitResult</c> label (a commit whose answer was lost, after the driver's own commit
/// retries), a write-concern error (the write was applied on the primary but a majority did not acknowledge it, as after
/// a <c>wtimeout</c>), or any transient failure once the write was sent, unless the server says it was not applied
/// (<c>TransientTransactionError</c>). Other transient failures (no server selected within the timeout, a lost
/// connection, a stepped-down primary, a retryable error) are <see cref="CallStoreUnavailableException"/>. Anything else,
/// a bug or a refusal, is left as it is, except a validator's refusal, which is explained.
/// </summary>
internal static class MongoStoreErrors
{
    /// <summary>The name MongoDB gives every collection's primary index.</summary>
    public const string PrimaryIndex = "_id_";

    public const string TransientTransactionError = "TransientTransactionError";
    public const string UnknownTransactionCommitResult = "UnknownTransactionCommitResult";
    public const string RetryableWriteError = "RetryableWriteError";

    private const int DuplicateKey = 11000;
    private const int DocumentValidationFailure = 121;

    /// <summary>
    /// Server codes after which the same operation may succeed if tried again: network and shutdown errors, the
    /// NotWritablePrimary family (the retryable-writes specification's list), time limits, lock timeouts, write conflicts.
    /// </summary>
    private static readonly HashSet<int> TransientCodes =
    [
        6, // HostUnreachable
        7, // HostNotFound
        24, // LockTimeout
        50, // MaxTimeMSExpired
        89, // NetworkTimeout
        91, // ShutdownInProgress
        112, // WriteConflict
        189, // PrimarySteppedDown
        202, // NetworkInterfaceExceededTimeLimit
        262, // ExceededTimeLimit
        9001, // SocketException
        10058, // LegacyNotPrimary
        10107, // NotWritablePrimary
        11600, // InterruptedAtShutdown
        11602, // InterruptedDueToReplStateChange
        13435, // NotPrimaryNoSecondaryOk
        13436, // NotPrimaryOrSecondary
    ];

    /// <summary>
    /// A duplicate key (11000) as the driver reports it: a write error of category DuplicateKey on a CRUD write
    /// (<see cref="MongoWriteException"/>), or a command's error code (<see cref="MongoCommandException"/>, e.g. a unique
    /// index built over duplicates). <paramref name="indexName"/> is the index the server names in its message.
    /// </summary>
    public static bool IsDuplicateKey(Exception exception, out string? indexName)
    {
        (var duplicate, indexName) = exception switch
        {
            MongoWriteException { WriteError: { Category: ServerErrorCategory.DuplicateKey } writeError } => (true, ParseIndexName(writeError.Message)),
            MongoCommandException { Code: DuplicateKey } command => (true, ParseIndexName(command.ErrorMessage ?? "") ?? ParseIndexName(command.Message)),
            _ => (false, null),
        };
        return duplicate;
    }

    /// <summary>"E11000 duplicate key error collection: db.c index: name_1 dup key: { … }" → "name_1".</summary>
    public static string? ParseIndexName(string message)
    {
        const string Marker = " index: ";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        start += Marker.Length;
        var end = message.IndexOf(' ', start);
        var name = end < 0 ? message[start..] : message[start..end];
        return name.Length == 0 ? null : name;
    }

    /// <summary>
    /// The port's exception for <paramref name="exception"/>, or null to let it through unchanged.
    /// <paramref name="mayHaveApplied"/>: the operation had sent a write (or a transaction's commit) when it failed.
    /// </summary>
    public static Exception? Translate(Exception exception, bool mayHaveApplied)
    {
        if (IsDuplicateKey(exception, out _))
        {
            return null;
        }
        if (IsValidationFailure(exception, out var details))
        {
            return new InvalidOperationException(
                $"MongoDB's $jsonSchema validator refused a write of the store (121 DocumentValidationFailure): {details}", exception);
        }
        if (IsOutcomeUnknown(exception) || (mayHaveApplied && IsTransient(exception) && !HasLabel(exception, TransientTransactionError)))
        {
            return new CallStoreOutcomeUnknownException($"MongoDB did not confirm whether the write was applied: {exception.Message}", exception);
        }
        return IsTransient(exception) ? new CallStoreUnavailableException($"MongoDB is unavailable: {exception.Message}", exception) : null;
    }

    /// <summary>The write may have been applied, and the server's answer says it cannot tell.</summary>
    public static bool IsOutcomeUnknown(Exception exception) => exception switch
    {
        _ when HasLabel(exception, UnknownTransactionCommitResult) => true,
        MongoWriteConcernException => true,
        MongoWriteException { WriteError: null, WriteConcernError: not null } => true,
        _ => false,
    };

    /// <summary>Trying the same operation again may succeed.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException => true,
        MongoAuthenticationException => false,
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException or MongoExecutionTimeoutException
            or MongoWaitQueueFullException or MongoConnectionPoolPausedException => true,
        _ when HasLabel(exception, TransientTransactionError) || HasLabel(exception, RetryableWriteError) => true,
        MongoCommandException command => TransientCodes.Contains(command.Code),
        _ => false,
    };

    private static bool HasLabel(Exception exception, string label) => exception is MongoException mongo && mongo.HasErrorLabel(label);

    private static bool IsValidationFailure(Exception exception, out string? details)
    {
        (var failed, details) = exception switch
        {
            MongoWriteException { WriteError: { Code: DocumentValidationFailure } writeError } => (true, writeError.Details?.ToString()),
            MongoCommandException { Code: DocumentValidationFailure } command => (true, command.Result?.GetValue("errInfo", null)?.ToString()),
            _ => (false, null),
        };
        details ??= exception.Message;
        return failed;
    }
}
