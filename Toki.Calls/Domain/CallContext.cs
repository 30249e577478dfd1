namespace Toki.Calls.Domain;

/// <summary>What a transition may read besides the record: the time, the settings, and for an accept the caller's coins.</summary>
public sealed record CallContext(DateTimeOffset Now, CallSettings Settings, long? CallerCoins = null);
