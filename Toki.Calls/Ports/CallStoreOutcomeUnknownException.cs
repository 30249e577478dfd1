namespace Toki.Calls.Ports;

/// <summary>
/// A write the store could not confirm either way: it may have been applied (a write-concern timeout, a commit whose
/// answer was lost). Repeating the same write tells: <see cref="ICallStore.CommitAsync"/> answers
/// <see cref="CommitOutcome.Committed"/> for a commit that already landed, <see cref="ICallStore.CreateUserAsync"/>
/// answers false for a user that now exists and <see cref="ICallStore.SetCoinsAsync"/> sets the same balance again.
/// It is a <see cref="CallStoreUnavailableException"/>, so a caller that does not repeat it reports it as unavailable.
/// </summary>
public sealed class CallStoreOutcomeUnknownException(string message, Exception? inner = null) : CallStoreUnavailableException(message, inner);
