namespace Toki.Calls.Ports;

/// <summary>
/// A transient store failure (busy, timeout, no primary): the operation may succeed if retried. Unless it is a
/// <see cref="CallStoreOutcomeUnknownException"/>, nothing of a failed write was applied.
/// </summary>
public class CallStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
