using System.Collections.Concurrent;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Support;

/// <summary>Records the server-side disconnect reasons of a namespace's sockets, each awaitable by socket id.</summary>
public sealed class DisconnectRecorder
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _reasons = new();

    public static DisconnectRecorder Attach(SocketIONamespace @namespace)
    {
        var recorder = new DisconnectRecorder();
        @namespace.OnDisconnect((socket, reason) => recorder.Slot(socket.Id).TrySetResult(reason));
        return recorder;
    }

    /// <summary>The first disconnect reason of the socket, once it disconnects.</summary>
    public Task<string> ReasonOf(string socketId) => Slot(socketId).Task;

    /// <summary>Forgets what was recorded for the socket, so that its next disconnect can be awaited.</summary>
    public void Reset(string socketId) => _reasons.TryRemove(socketId, out _);

    private TaskCompletionSource<string> Slot(string socketId) =>
        _reasons.GetOrAdd(socketId, static _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
