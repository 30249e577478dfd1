namespace Toki.Calls.Service;

/// <summary>
/// Where a relayed signalling message goes: the peer's call socket when it is on this server, otherwise (null) the
/// peer's call socket wherever it is (<see cref="PeerUserId"/>, through the cluster).
/// </summary>
public readonly record struct RelayRoute(bool Allowed, string? PeerSocketId, string? ErrorCode, string? PeerUserId = null);
