using System.Collections.Concurrent;
using System.Text.Json;
using Toki.SocketIO;

namespace Toki.ClusterNode;

/// <summary>
/// The probe events of cluster-node.mjs, answered the same way (see that file for the list): each takes a spec
/// object first and, for the emitting ones, the values to emit after it; binary values pass through as binary.
/// </summary>
internal static class ClusterProbe
{
    public static void Configure(SocketIOServer io, string name)
    {
        var main = io.Sockets;
        var serverEvents = new ConcurrentQueue<object>();
        main.OnServerSideEmit("note", e =>
        {
            serverEvents.Enqueue(new { @event = "note", args = Values(e.Args, 0) });
            return ValueTask.CompletedTask;
        });
        main.OnServerSideEmit("ask", e =>
        {
            e.Ack(new { node = name, got = e.Args.Count > 0 ? e.Args[0].Clone() : default(JsonElement?) });
            return ValueTask.CompletedTask;
        });

        main.On("whoami", c => Answer(c, new { node = name, sid = c.Socket.Id, recovered = c.Socket.Recovered, rooms = Sorted(c.Socket.Rooms) }));
        main.On("join", c =>
        {
            c.Socket.Join(c.Args.Get<string[]>(0)!);
            return Answer(c, new { rooms = Sorted(c.Socket.Rooms) });
        });
        main.On("leave", c =>
        {
            c.Socket.Leave(c.Args.Get<string>(0)!);
            return Answer(c, new { rooms = Sorted(c.Socket.Rooms) });
        });
        main.On("set-data", c =>
        {
            c.Socket.Data = c.Args[0].Clone();
            return Answer(c, new { ok = true });
        });
        main.On("emit", async c =>
        {
            var spec = c.Args[0];
            var target = Select(spec, Flag(spec, "broadcast") ? c.Socket.Broadcast : main.All);
            await target.EmitAsync(spec.GetProperty("event").GetString()!, Values(c.Args, 1));
            await Answer(c, new { ok = true });
        });
        main.On("emit-with-ack", async c =>
        {
            var spec = c.Args[0];
            var timeout = TimeSpan.FromMilliseconds(spec.TryGetProperty("timeout", out var t) ? t.GetDouble() : 2000);
            try
            {
                var responses = await Select(spec, main.All).EmitWithAckAsync(spec.GetProperty("event").GetString()!, timeout, Values(c.Args, 1));
                await Answer(c, new { responses = FirstValues(responses) });
            }
            catch (SocketIOAckTimeoutException exception)
            {
                await Answer(c, new { error = "operation has timed out", responses = FirstValues(exception.Responses) });
            }
        });
        main.On("fetch", async c =>
        {
            var sockets = await Select(c.Args[0], main.All).FetchSocketsAsync();
            await Answer(c, new
            {
                sockets = sockets.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => new
                {
                    id = s.Id,
                    rooms = Sorted(s.Rooms),
                    data = s.Data,
                    address = s.Handshake.TryGetProperty("address", out var a) ? a.GetString() : null,
                    auth = s.Handshake.TryGetProperty("auth", out var auth) ? auth : default(JsonElement?),
                }),
            });
        });
        main.On("server-count", async c => await Answer(c, new { count = await main.ServerCountAsync() }));
        main.On("sockets-join", async c =>
        {
            await Select(c.Args[0], main.All).SocketsJoinAsync(c.Args[0].GetProperty("rooms").Deserialize<string[]>()!);
            await Answer(c, new { ok = true });
        });
        main.On("sockets-leave", async c =>
        {
            await Select(c.Args[0], main.All).SocketsLeaveAsync(c.Args[0].GetProperty("rooms").Deserialize<string[]>()!);
            await Answer(c, new { ok = true });
        });
        main.On("disconnect-sockets", async c =>
        {
            await Select(c.Args[0], main.All).DisconnectSocketsAsync(Flag(c.Args[0], "close"));
            await Answer(c, new { ok = true });
        });
        main.On("server-side-emit", async c =>
        {
            var spec = c.Args[0];
            var eventName = spec.GetProperty("event").GetString()!;
            if (!Flag(spec, "ack"))
            {
                await main.ServerSideEmitAsync(eventName, Values(c.Args, 1));
                await Answer(c, new { ok = true });
                return;
            }
            try
            {
                var responses = await main.ServerSideEmitWithAckAsync(eventName, TimeSpan.FromSeconds(5), Values(c.Args, 1));
                await Answer(c, new { responses = FirstValues(responses) });
            }
            catch (SocketIOAckTimeoutException exception)
            {
                await Answer(c, new { error = exception.Message, responses = FirstValues(exception.Responses) });
            }
        });
        main.On("server-events", c =>
        {
            var events = new List<object>();
            while (serverEvents.TryDequeue(out var e))
            {
                events.Add(e);
            }
            return Answer(c, new { events });
        });
        main.On("relay", RelayProbe.OnRelay);
    }

    private static BroadcastOperator Select(JsonElement spec, BroadcastOperator target)
    {
        foreach (var room in Strings(spec, "to").Concat(Strings(spec, "in")))
        {
            target = target.To(room);
        }
        foreach (var room in Strings(spec, "except"))
        {
            target = target.Except(room);
        }
        return Flag(spec, "local") ? target.Local : target;
    }

    /// <summary>The arguments from <paramref name="first"/> on, binary ones as bytes so they go out as binary again.</summary>
    private static object?[] Values(SocketIOArgs args, int first)
    {
        var values = new object?[Math.Max(0, args.Count - first)];
        for (var i = first; i < args.Count; i++)
        {
            values[i - first] = ProbeValues.Materialize(args, i);
        }
        return values;
    }

    private static object?[] FirstValues(IReadOnlyList<SocketIOArgs> responses)
    {
        var values = responses.Select(r => r.Count == 0 ? null : ProbeValues.Materialize(r, 0)).ToArray();
        foreach (var response in responses)
        {
            response.Dispose();
        }
        return values;
    }

    private static IEnumerable<string> Strings(JsonElement spec, string name) =>
        spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!)
            : [];

    private static bool Flag(JsonElement spec, string name) =>
        spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string[] Sorted(IEnumerable<string> rooms) => [.. rooms.Order(StringComparer.Ordinal)];

    private static ValueTask Answer(SocketIOEventContext context, object value)
    {
        context.Ack(value);
        return ValueTask.CompletedTask;
    }
}
