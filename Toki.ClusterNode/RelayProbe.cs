using Toki.SocketIO;

namespace Toki.ClusterNode;

/// <summary>
/// The cross-node relay of the benchmark: <c>relay({to, ...})</c> sends the payload on to the socket (or room)
/// <c>to</c>, wherever it is in the cluster, as <c>relay</c>, and acknowledges with <c>{ok:true}</c>.
/// </summary>
internal static class RelayProbe
{
    private static readonly SocketIORawJson Ok = SocketIORawJson.FromString("""{"ok":true}""");

    public static ValueTask OnRelay(SocketIOEventContext context)
    {
        if (context.Args.Count == 0 || context.Args[0].ValueKind != System.Text.Json.JsonValueKind.Object
            || !context.Args[0].TryGetProperty("to", out var to) || to.GetString() is not { } target)
        {
            context.Ack(new { ok = false });
            return ValueTask.CompletedTask;
        }
        context.Socket.Namespace.To(target).Emit("relay", context.Args[0].Clone());
        context.Ack(Ok);
        return ValueTask.CompletedTask;
    }
}
