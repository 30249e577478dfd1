using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// Thousands of generated malformed Socket.IO packets: for the pure decoder, nothing escapes and a packet comes back
/// exactly when there is no error, fit for what reads it next; through a whole server (real engine, in-memory HTTP,
/// manual clock), every POST gets the spec's answer and nothing is logged as an error.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class SocketIOFuzzTests
{
    private static readonly Gen<string> JsonString = Gen.Elements(
        "\"x\"", "\"message\"", "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD83D\\uDE00\"", "\"\\\\uD800\"", "\"connect\"", "\"\"", "\"a\\n\\\"b\"", "\"\u00e9\"");

    private static readonly Gen<string> JsonValue = Gen.Sized(size => Value(Math.Min(size, 3)));

    /// <summary>Packets in the Socket.IO text form, before mangling: type, attachments, namespace, ack id, payload.</summary>
    private static readonly Gen<string> PacketText =
        from type in Gen.Elements("0", "1", "2", "3", "4", "5", "6", "7", "x", "")
        from attachments in Gen.Elements("", "", "0-", "1-", "2-", "11-", "-", "1")
        from @namespace in Gen.Elements("", "", "/", "/custom,", "/a,", "/\u00e9,")
        from ack in Gen.Elements("", "", "1", "42", "1234567890123456")
        from payload in Gen.Frequency((3, Gen.Constant("")), (1, JsonValue), (6, Event()))
        select type + attachments + @namespace + ack + payload;

    [Test]
    public void TheDecoderAnswersEveryPacket() => EngineIOFuzz.Check(
        Gen.Frequency((4, EngineIOFuzz.Mangled(PacketText)), (1, EngineIOFuzz.ProtocolBytes)),
        text =>
        {
            var error = SocketIOPacketDecoder.Decode(text, out var packet);
            using (packet)
            {
                if (!Enum.IsDefined(error) || (error == SocketIOParseError.None) != (packet is not null))
                {
                    return false;
                }
                return packet is null || IsFitForUse(packet);
            }
        },
        cases: 4000);

    [Test]
    public async Task AServerAnswersEveryPostAsTheSpecSays()
    {
        var time = new FakeTimeProvider();
        var logs = new FakeLogCollector();
        using var loggers = FakeLoggerFactory.Create(logs);
        await using var server = new SocketIOServer(new SocketIOServerOptions
        {
            Engine = new EngineIOOptions { HeartbeatResolution = TimeSpan.FromDays(1), MaxPayload = 4096 },
            ConnectTimeout = TimeSpan.FromDays(1),
        }, time, loggers);
        server.Sockets.OnUnhandledEvent(context =>
        {
            // Read every argument as an application would.
            for (var i = 0; i < context.Args.Count; i++)
            {
                _ = context.Args[i].GetRawText();
            }
            return ValueTask.CompletedTask;
        });
        var bodies = Gen.Sample(
            from packets in Gen.Frequency(
                    (5, EngineIOFuzz.Mangled(PacketText).Select(text => Concat("4"u8, text))),
                    (5, EngineIOFuzz.Mangled(Event().Select(text => "2" + text)).Select(text => Concat("4"u8, text))),
                    (2, Event().Select(text => Encoding.UTF8.GetBytes("451-" + text + "\u001ebAQID"))),
                    (1, Gen.Elements("bAQID"u8.ToArray(), "b!!"u8.ToArray(), "2"u8.ToArray(), "1"u8.ToArray(), "6"u8.ToArray())))
                .NonEmptyListOf()
            select packets.Take(4).Aggregate((all, next) => [.. all, 0x1E, .. next]),
            300, (int)(EngineIOFuzz.Seed % 1000) + 20);

        var answers = new Dictionary<string, int>();
        foreach (var body in bodies)
        {
            var client = await InProcessSocketIOClient.ConnectAsync(server);
            var answer = await InProcessPollingClient.SendAsync(server.Engine, "POST", $"EIO=4&transport=polling&sid={client.Engine.Sid}", body);
            var open = server.Engine.TryGetSession(client.Engine.Sid, out _);
            var verdict = (answer.Status, answer.Body) switch
            {
                (200, "ok") => "ok",
                (400, """{"code":3,"message":"Bad request"}""") when !open => "bad request, closed",
                (413, """{"code":7,"message":"Payload too large"}""") when !open => "too large, closed",
                _ => null,
            };
            Assert.That(verdict, Is.Not.Null, $"seed {EngineIOFuzz.Seed}: {Convert.ToHexString(body)} was answered {answer} with the session {(open ? "open" : "closed")}");
            answers[verdict!] = answers.GetValueOrDefault(verdict!) + 1;
            client.Engine.PostAsync("1").Wait();
        }

        Assert.That(logs.GetSnapshot().Where(entry => entry.Level >= LogLevel.Error), Is.Empty, $"seed {EngineIOFuzz.Seed}");
        Assert.That(answers.Keys, Is.SupersetOf(new[] { "ok", "bad request, closed" }), "the run reached both answers");
    }

    /// <summary>Whether what the next layer reads of a decoded packet reads without an exception.</summary>
    private static bool IsFitForUse(SocketIOPacket packet)
    {
        if (packet.Payload is not { } payload)
        {
            return packet.Type is SocketIOPacketType.Connect or SocketIOPacketType.Disconnect or SocketIOPacketType.ConnectError;
        }
        var root = payload.RootElement;
        switch (packet.Type)
        {
            case SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent:
                var name = root[0];
                if (name.ValueKind == JsonValueKind.String)
                {
                    _ = name.GetString();
                }
                break;
            case SocketIOPacketType.Connect:
                _ = JsonMarshal.GetRawUtf8Value(root).ToArray();
                break;
        }
        return packet.Type is not (SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck) || PlaceholdersInRange(root, packet.AttachmentCount);
    }

    private static bool PlaceholdersInRange(JsonElement element, int count) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().All(item => PlaceholdersInRange(item, count)),
        JsonValueKind.Object when element.TryGetProperty("_placeholder", out var flag) && flag.ValueKind == JsonValueKind.True =>
            element.TryGetProperty("num", out var num) && num.TryGetInt32(out var index) && index >= 0 && index < count,
        JsonValueKind.Object => element.EnumerateObject().All(property => PlaceholdersInRange(property.Value, count)),
        _ => true,
    };

    private static Gen<string> Event() =>
        from name in Gen.Frequency((4, JsonString), (1, Gen.Elements("1", "null", "{}")))
        from args in JsonValue.ListOf()
        select "[" + string.Join(",", args.Prepend(name)) + "]";

    private static Gen<string> Value(int depth)
    {
        var scalar = Gen.Frequency(
            (3, JsonString),
            (2, Gen.Elements("0", "-1", "1.5", "1e300", "true", "false", "null")),
            (2, from num in Gen.Elements("0", "1", "2", "-1", "\"0\"", "0.5") select $"{{\"_placeholder\":true,\"num\":{num}}}"));
        if (depth <= 0)
        {
            return scalar;
        }
        var inner = Value(depth - 1);
        return Gen.Frequency(
            (3, scalar),
            (1, inner.ListOf().Select(items => "[" + string.Join(",", items.Take(3)) + "]")),
            (1, from key in JsonString from value in inner select $"{{{key}:{value}}}"));
    }

    private static byte[] Concat(ReadOnlySpan<byte> prefix, byte[] rest) => [.. prefix, .. rest];
}
