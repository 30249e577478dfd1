using Toki.SocketIO;

namespace Toki.Server.Wire;

/// <summary>A server → client event ready to emit: its name and its payload as JSON.</summary>
internal readonly record struct WireEvent(string Name, SocketIORawJson Payload);
