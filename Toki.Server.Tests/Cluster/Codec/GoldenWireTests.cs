using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Toki.SocketIO;
using Toki.SocketIO.Redis.Codec;

namespace Toki.Server.Tests.Cluster.Codec;

/// <summary>
/// Golden tests: bytes the official Node adapters put on Redis (node/golden/*.json, made by node/golden/capture.mjs)
/// decode to the expected messages and encode back to the same bytes (the same JSON where System.Text.Json escapes
/// characters beyond the BMP that JSON.stringify writes raw; the same value where the input used an extension).
/// </summary>
[Category(TestCategories.Unit)]
public sealed partial class GoldenWireTests
{
    private static readonly string[] StreamSteps =
    [
        """Broadcast uid={uid} nsp=/ packet=["plain",1,"two",{"three":[3]},true,null,1.5,-7,1099511627776]""",
        """Broadcast uid={uid} nsp=/ to=[room1] except=[] packet=["room","x"]""",
        """Broadcast uid={uid} nsp=/ to=[room1,room2] except=[muted] packet=["rooms",{"a":1}]""",
        """Broadcast uid={uid} nsp=/ to=[] except=[] volatile packet=["volatile","v"]""",
        """Broadcast uid={uid} nsp=/ packet=["buffer",{"_placeholder":true,"num":0},{"nested":{"_placeholder":true,"num":1}}] +010203 +ff""",
        """Broadcast uid={uid} nsp=/ packet=["arraybuffer",{},{"_placeholder":true,"num":0}] +0607""",
        """Broadcast uid={uid} nsp=/ packet=["undefined",{"kept":1},[null,2]]""",
        """Broadcast uid={uid} nsp=/ packet=["date","2026-01-02T03:04:05.678Z"]""",
        """Broadcast uid={uid} nsp=/ packet=["long-string","xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","é😀"]""",
        """SocketsJoin uid={uid} nsp=/ to=[room1] except=[muted] rooms=[joined,also]""",
        """SocketsLeave uid={uid} nsp=/ to=[room1] except=[] rooms=[joined]""",
        """DisconnectSockets uid={uid} nsp=/ to=[nobody] except=[] close""",
    ];

    private static readonly string[] StreamMessages =
    [
        "FetchSockets uid={uid} nsp=/ req={req}",
        "FetchSocketsResponse uid={uid} nsp=/ req={req} value={sockets}",
        """ServerSideEmit uid={uid} nsp=/ packet=["note","n",{"_placeholder":true,"num":0}] +09""",
        """ServerSideEmit uid={uid} nsp=/ req={req} packet=["ask",{"q":1}]""",
        """ServerSideEmitResponse uid={uid} nsp=/ req={req} value={"answeredBy":"two","got":{"q":1}}""",
        """Broadcast uid={uid} nsp=/ req={req} to=[] except=[] timeout=1000 packet=["question","q"]""",
        "BroadcastClientCount uid={uid} nsp=/ req={req} clients=1",
        """BroadcastAck uid={uid} nsp=/ req={req} value={"answer":42,"arg":"q"}""",
    ];

    [Test]
    public void StreamEntriesDecodeAndEncodeBack()
    {
        var capture = GoldenCapture.Load("streams");
        Assert.That(capture.Entries, Has.Count.EqualTo(StreamSteps.Length));
        for (var i = 0; i < StreamSteps.Length; i++)
        {
            var fields = capture.Entries[i];
            var entry = new StreamsCodec.Entry(fields["uid"], fields["nsp"], fields["type"], fields.GetValueOrDefault("data"));
            var message = StreamsCodec.DecodeEntry(entry);
            Assert.That(Generalize(ClusterMessageText.Of(message)), Is.EqualTo(StreamSteps[i]), $"entry {i}");

            var again = StreamsCodec.EncodeEntry(message);
            Assert.That((again.Uid, again.Namespace, again.Type), Is.EqualTo((entry.Uid, entry.Namespace, entry.Type)), $"entry {i}");
            if (entry.Data![0] == '{')
            {
                Assert.That(JsonNode.DeepEquals(JsonNode.Parse(again.Data!), JsonNode.Parse(entry.Data)), Is.True, $"entry {i}: {again.Data}");
            }
            else
            {
                Assert.That(again.Data, Is.EqualTo(entry.Data), $"entry {i}: MessagePack in base64, byte for byte");
            }
        }
    }

    [Test]
    public void StreamPubSubMessagesDecodeAndEncodeBack()
    {
        var capture = GoldenCapture.Load("streams");
        Assert.That(capture.Messages, Has.Count.EqualTo(StreamMessages.Length));
        for (var i = 0; i < StreamMessages.Length; i++)
        {
            var payload = capture.Messages[i].Payload;
            var message = StreamsCodec.DecodePubSub(payload);
            Assert.That(Generalize(ClusterMessageText.Of(message)), Is.EqualTo(StreamMessages[i]), $"message {i} ({capture.Messages[i].Step})");
            Assert.That(MsgPackJson.Encode(MsgPackJson.Decode(payload)), Is.EqualTo(payload), $"message {i}: the MessagePack value, byte for byte");
            Assert.That(ClusterMessageText.Of(StreamsCodec.DecodePubSub(StreamsCodec.EncodePubSub(message))), Is.EqualTo(ClusterMessageText.Of(message)));
        }
        Assert.That(capture.Messages[0].Channel, Is.EqualTo("socket.io#/#"));
        Assert.That(capture.Messages[1].Channel, Is.EqualTo($"socket.io#/#{StreamsCodec.DecodePubSub(capture.Messages[0].Payload).Uid}#"));
    }

    [Test]
    public void AFetchedSocketFromNodeReadsAsARemoteSocket()
    {
        var response = StreamsCodec.DecodePubSub(GoldenCapture.Load("streams").Messages[1].Payload);
        using var document = JsonDocument.Parse(response.Value!.Json);
        var socket = document.RootElement[0];

        Assert.That(socket.GetProperty("id").GetString(), Has.Length.EqualTo(20));
        Assert.That(socket.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { socket.GetProperty("id").GetString() }));
        Assert.That(socket.GetProperty("handshake").GetProperty("address").GetString(), Is.EqualTo("127.0.0.1"));
        Assert.That(socket.GetProperty("handshake").GetProperty("query").GetProperty("EIO").GetString(), Is.EqualTo("4"));
        Assert.That(socket.GetProperty("data").GetRawText(), Is.EqualTo("{}"));
    }

    [Test]
    public void ASessionSavedByNodeDecodesAndEncodesBack()
    {
        var stored = GoldenCapture.Load("streams").Sessions.Single();
        var session = StreamsCodec.DecodeSession(stored);

        Assert.That(session.Sid, Has.Length.EqualTo(20));
        Assert.That(session.Rooms, Is.EqualTo(new[] { session.Sid }));
        Assert.That(session.Data.GetRawText(), Is.EqualTo("{}"));
        var snapshot = new SocketIOSessionSnapshot(session.Sid, session.Pid, session.Rooms, System.Text.Encoding.UTF8.GetBytes(session.Data.GetRawText()));
        Assert.That(StreamsCodec.EncodeSession(snapshot), Is.EqualTo(stored));
    }

    /// <summary>Replaces the random parts (server ids, request ids, the fetched socket) by names.</summary>
    private static string Generalize(string text)
    {
        text = Uid().Replace(text, "uid={uid}");
        text = Request().Replace(text, "req={req}");
        return Sockets().Replace(text, "value={sockets}");
    }

    [GeneratedRegex("uid=[0-9a-zA-Z]+")]
    private static partial Regex Uid();

    [GeneratedRegex("req=[0-9a-zA-Z_-]+")]
    private static partial Regex Request();

    [GeneratedRegex(@"value=\[\{""id"".*$")]
    private static partial Regex Sockets();
}
