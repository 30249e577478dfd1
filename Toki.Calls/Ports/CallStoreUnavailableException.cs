namespace Toki.Calls.Ports;

/// <summary>A transient store failure (busy, timeout, no primary): the operation may succeed if retried.</summary>
public sealed class CallStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
