using NUnit.Framework;
using Toki.SocketIO.Redis.Codec;

namespace Toki.Server.Tests.Cluster.Codec;

/// <summary>The classic adapter's messages (notepack.io 3.0.1: standard timestamps, nil for undefined, bin for ArrayBuffers).</summary>
public sealed partial class GoldenWireTests
{
    private static readonly (string Channel, string Expected)[] ClassicMessages =
    [
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ packet=["plain",1,"two",{"three":[3]},true,null,1.5,-7,1099511627776]"""),
        ("socket.io#/#room1#", """Broadcast uid={uid} nsp=/ to=[room1] except=[] packet=["room","x"]"""),
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ to=[room1,room2] except=[muted] packet=["rooms",{"a":1}]"""),
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ to=[] except=[] volatile packet=["volatile","v"]"""),
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ packet=["buffer",{"_placeholder":true,"num":0},{"nested":{"_placeholder":true,"num":1}}] +010203 +ff"""),
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ packet=["arraybuffer",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}] +0405 +0607"""),
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ packet=["undefined",{"kept":1},[null,2]]"""),
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ packet=["date","2026-01-02T03:04:05.678Z"]"""),
        ("socket.io#/#", """Broadcast uid={uid} nsp=/ packet=["long-string","xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","é\uD83D\uDE00"]"""),
        ("socket.io-request#/#", "SocketsJoin uid={uid} nsp=/ to=[room1] except=[muted] rooms=[joined,also]"),
        ("socket.io-request#/#", "SocketsLeave uid={uid} nsp=/ to=[room1] except=[] rooms=[joined]"),
        ("socket.io-request#/#", "DisconnectSockets uid={uid} nsp=/ to=[nobody] except=[] close"),
        ("socket.io-request#/#", "FetchSockets uid={uid} nsp=/ req={req}"),
        ("socket.io-response#/#", "FetchSocketsResponse nsp=/ req={req} value={sockets}"),
        ("socket.io-request#/#", """ServerSideEmit uid={uid} nsp=/ packet=["note","n",{"type":"Buffer","data":[9]}]"""),
        ("socket.io-request#/#", """ServerSideEmit uid={uid} nsp=/ req={req} packet=["ask",{"q":1}]"""),
        ("socket.io-response#/#", """ServerSideEmitResponse nsp=/ req={req} value={"answeredBy":"two","got":{"q":1}}"""),
        ("socket.io-request#/#", """Broadcast uid={uid} nsp=/ req={req} to=[] except=[] timeout=1000 packet=["question","q"]"""),
        ("socket.io-response#/#", "BroadcastClientCount nsp=/ req={req} clients=1"),
        ("socket.io-response#/#", """BroadcastAck nsp=/ req={req} value={"answer":42,"arg":"q"}"""),
    ];

    [Test]
    public void ClassicMessagesDecodeAndEncodeBack()
    {
        var capture = GoldenCapture.Load("classic");
        Assert.That(capture.Messages, Has.Count.EqualTo(ClassicMessages.Length));
        for (var i = 0; i < ClassicMessages.Length; i++)
        {
            var (channel, expected) = ClassicMessages[i];
            var captured = capture.Messages[i];
            Assert.That(captured.Channel, Is.EqualTo(channel), $"message {i} ({captured.Step})");
            var kind = channel.StartsWith("socket.io-request", StringComparison.Ordinal) ? "request"
                : channel.StartsWith("socket.io-response", StringComparison.Ordinal) ? "response" : "broadcast";
            var message = kind switch
            {
                "request" => ClassicCodec.DecodeRequest(captured.Payload, "/"),
                "response" => ClassicCodec.DecodeResponse(captured.Payload, "/"),
                _ => ClassicCodec.DecodeBroadcast(captured.Payload),
            };
            Assert.That(Generalize(ClusterMessageText.Of(message)), Is.EqualTo(expected), $"message {i} ({captured.Step})");

            var again = kind switch
            {
                "request" => ClassicCodec.EncodeRequest(message),
                "response" => ClassicCodec.EncodeResponse(message),
                _ => ClassicCodec.EncodeBroadcast(message),
            };
            if (kind == "broadcast")
            {
                Assert.That(ClassicCodec.BroadcastChannel("socket.io", message.Options, "/"), Is.EqualTo(channel), $"message {i}");
            }
            // A Date arrives as a MessagePack timestamp and goes on as its ISO string, as JSON carries it to clients.
            if (captured.Step == "date")
            {
                Assert.That(ClusterMessageText.Of(ClassicCodec.DecodeBroadcast(again)), Is.EqualTo(ClusterMessageText.Of(message)));
                continue;
            }
            Assert.That(again, Is.EqualTo(captured.Payload), $"message {i} ({captured.Step}), byte for byte");
        }
    }
}
