namespace Toki.Server.Storage.Mongo;

/// <summary>The error codes the mapping looks at: libmongoc's own (mongoc-error.h) and MongoDB server codes.</summary>
internal static class MongoErrorCodes
{
    public const uint ServerSelectionBadWireVersion = 13052;
    public const uint ServerSelectionFailure = 13053;
    public const uint StreamSocket = 4;
    public const uint StreamConnect = 5;
    public const uint CommandInvalidArg = 22;

    public const uint DuplicateKey = 11000;
    public const uint DocumentValidationFailure = 121;

    /// <summary>
    /// Server codes after which the same operation may succeed if tried again: network and shutdown errors, the
    /// NotWritablePrimary family (the retryable-writes specification's list), time limits, lock timeouts, write conflicts.
    /// </summary>
    public static readonly IReadOnlySet<uint> TransientServerCodes = new HashSet<uint>
    {
        6, // HostUnreachable
        7, // HostNotFound
        24, // LockTimeout
        50, // MaxTimeMSExpired
        64, // WriteConcernFailed (wtimeout)
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
    };
}
