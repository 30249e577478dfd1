using System.Text.Json;

namespace Toki.SocketIO.Admin;

public sealed partial class SocketIOAdmin
{
    /// <summary>The UI's actions (Node's Socket.IO v4 forms): each names a namespace and an optional filter (a room or a socket id).</summary>
    private void RegisterActions()
    {
        if (_options.ReadOnly)
        {
            return;
        }
        Namespace.On("emit", context =>
        {
            // emit(nsp, filter, event, ...args)
            if (Target(context, "emit", out var target, 0, 1) && String(context.Args, 2) is { } eventName)
            {
                var args = Enumerable.Range(3, Math.Max(0, context.Args.Count - 3)).Select(i => (object?)context.Args[i].Clone()).ToArray();
                target.Emit(eventName, args);
            }
            return ValueTask.CompletedTask;
        });
        Namespace.On("join", context =>
        {
            // join(nsp, room, filter): every socket of the selection, on every server of the cluster (socketsJoin)
            if (String(context.Args, 1) is { } room && Target(context, "join", out var target, 0, 2))
            {
                target.SocketsJoin(room);
            }
            return ValueTask.CompletedTask;
        });
        Namespace.On("leave", context =>
        {
            // leave(nsp, room, filter)
            if (String(context.Args, 1) is { } room && Target(context, "leave", out var target, 0, 2))
            {
                target.SocketsLeave(room);
            }
            return ValueTask.CompletedTask;
        });
        Namespace.On("_disconnect", context =>
        {
            // _disconnect(nsp, close, filter)
            var close = context.Args.Count > 1 && context.Args[1].ValueKind == JsonValueKind.True;
            if (Target(context, "_disconnect", out var target, 0, 2))
            {
                target.DisconnectSockets(close);
            }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>The sockets an action is for, on every server: the namespace's, or those in the filter room (a socket id is a room).</summary>
    private bool Target(SocketIOEventContext context, string action, out BroadcastOperator target, int namespaceIndex, int filterIndex)
    {
        target = default;
        if (FindNamespace(context, action, namespaceIndex) is not { } found)
        {
            return false;
        }
        var filter = String(context.Args, filterIndex);
        Log.Action(_logger, action, found.Name, action is "join" or "leave" ? String(context.Args, 1) : null, filter);
        target = filter is null ? found.All : found.In(filter);
        return true;
    }

    /// <summary>An existing namespace (actions never create one).</summary>
    private SocketIONamespace? FindNamespace(SocketIOEventContext context, string action, int index = 0)
    {
        var name = String(context.Args, index);
        var found = name is null ? null : _io.Namespaces.FirstOrDefault(n => n.Name == name);
        if (found is null)
        {
            Log.ActionIgnored(_logger, action, $"no namespace '{name}'");
        }
        return found;
    }

    private static string? String(SocketIOArgs args, int index) =>
        index < args.Count && args[index].ValueKind == JsonValueKind.String && args[index].GetString() is { Length: > 0 and <= 256 } value ? value : null;
}
