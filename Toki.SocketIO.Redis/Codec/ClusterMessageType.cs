namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// What a cluster message asks or answers. 3 to 12 are the ClusterAdapter's codes (socket.io-adapter's
/// <c>MessageType</c>, also the streams adapter's); the classic adapter's own requests are mapped onto them, and
/// those with no counterpart (which Toki answers but never sends) come after.
/// </summary>
internal enum ClusterMessageType
{
    Broadcast = 3,
    SocketsJoin = 4,
    SocketsLeave = 5,
    DisconnectSockets = 6,
    FetchSockets = 7,
    FetchSocketsResponse = 8,
    ServerSideEmit = 9,
    ServerSideEmitResponse = 10,
    BroadcastClientCount = 11,
    BroadcastAck = 12,

    /// <summary>Classic SOCKETS (0): the ids of the sockets in some rooms.</summary>
    SocketIds = 100,
    SocketIdsResponse,

    /// <summary>Classic ALL_ROOMS (1).</summary>
    AllRooms,
    AllRoomsResponse,

    /// <summary>Classic REMOTE_JOIN / REMOTE_LEAVE / REMOTE_DISCONNECT of one socket by id (before opts existed), answered with an empty response.</summary>
    SocketJoin,
    SocketLeave,
    SocketDisconnect,
    SocketOperationDone,
}
