using System.Collections.Concurrent;
using System.Text.Json;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Support;

/// <summary>
/// The server side of the Node driver's scenarios (node/socketio/driver.mjs): echoes, acks both ways, rooms,
/// binary parsing, a rejecting middleware on "/private", and a recovery hook that emits while a client is away.
/// </summary>
public static class ScenarioHandlers
{
    public sealed record Upload(string Name, byte[] Data);

    public static void Configure(SocketIOServer io)
    {
        var armed = new ConcurrentDictionary<string, (int Drop, int Count)>();
        var main = io.Sockets;
        main.On("echo", context =>
        {
            context.Socket.Emit("echo", context.Args);
            return ValueTask.CompletedTask;
        });
        main.On("echo-ack", context =>
        {
            context.Ack(context.Args);
            return ValueTask.CompletedTask;
        });
        main.On("lengths", context =>
        {
            context.Ack(context.Args.Get<string>(0)!.Length, context.Args.GetBinary(1)!.Length);
            return ValueTask.CompletedTask;
        });
        main.On("parse-upload", context =>
        {
            var upload = context.Args.Get<Upload>(0)!;
            var top = context.Args.GetBinary(1)!;
            context.Ack(upload.Name, upload.Data.Length, upload.Data.Sum(b => b), top.Length);
            return ValueTask.CompletedTask;
        });
        main.On("send-binary", context =>
        {
            context.Socket.Emit("server-binary", new byte[] { 1, 2 }, new { Nested = new byte[] { 3 }, Text = "t" });
            return ValueTask.CompletedTask;
        });
        main.On("ask-client", async context =>
        {
            var args = Enumerable.Range(0, context.Args.Count)
                .Select(i => context.Args.GetBinary(i) is { } bytes ? bytes : (object?)context.Args[i].Clone())
                .ToArray();
            using var answer = await context.Socket.EmitWithAckAsync("question", TimeSpan.FromSeconds(5), args);
            context.Ack(answer);
        });
        main.On("ask-client-timeout", async context =>
        {
            var timeout = TimeSpan.FromMilliseconds(context.Args.Get<int>(0));
            try
            {
                using var answer = await context.Socket.EmitWithAckAsync("ignored", timeout);
                context.Ack("answered");
            }
            catch (SocketIOAckTimeoutException exception)
            {
                context.Ack("timeout", exception.Message);
            }
        });
        main.On("join", context => Ack(context, () => context.Socket.Join(context.Args.Get<string>(0)!)));
        main.On("leave", context => Ack(context, () => context.Socket.Leave(context.Args.Get<string>(0)!)));
        main.On("to-room", context => Ack(context, () => context.Socket.To(Text(context, 0)).Emit("room-message", Text(context, 1))));
        main.On("to-room-except", context =>
            Ack(context, () => context.Socket.To(Text(context, 0)).Except(Text(context, 1)).Emit("room-message", Text(context, 2))));
        main.On("io-to-room", context => Ack(context, () => main.To(Text(context, 0)).Emit("room-message", Text(context, 1))));
        main.On("io-to-room-except", context =>
            Ack(context, () => main.To(Text(context, 0)).Except(Text(context, 1)).Emit("room-message", Text(context, 2))));
        main.On("broadcast", context => Ack(context, () => context.Socket.Broadcast.Emit("broadcast", Text(context, 0))));
        main.On("fence-all", context => Ack(context, () => main.Emit("fence")));
        main.On("disconnect-me", context =>
        {
            context.Socket.Disconnect();
            return ValueTask.CompletedTask;
        });
        main.On("arm", context => Ack(context, () => armed[context.Socket.Id] = (context.Args.Get<int>(0), context.Args.Get<int>(1))));
        main.OnDisconnect((socket, _) =>
        {
            if (armed.TryRemove(socket.Id, out var arm))
            {
                for (var i = 1; i <= arm.Count; i++)
                {
                    socket.Emit("missed", arm.Drop, i);
                }
            }
        });

        io.Of("/private").Use((socket, _) => ValueTask.FromResult(socket.Handshake.GetAuthString("token") == "good"
            ? SocketIOMiddlewareResult.Continue
            : SocketIOMiddlewareResult.Reject("not authorized", new { Code = 401, Retry = false })));
    }

    private static string Text(SocketIOEventContext context, int index) => context.Args.Get<string>(index)!;

    private static ValueTask Ack(SocketIOEventContext context, Action action)
    {
        action();
        context.Ack("ok");
        return ValueTask.CompletedTask;
    }
}
