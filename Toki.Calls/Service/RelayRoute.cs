namespace Toki.Calls.Service;

/// <summary>Where a relayed signalling message goes: the peer's call socket (null when the peer has none right now).</summary>
public readonly record struct RelayRoute(bool Allowed, string? PeerSocketId, string? ErrorCode);
