using System.Buffers.Text;
using System.Text;

namespace Toki.Bench;

/// <summary>
/// One side's signalling traffic: trickled ICE candidates (<c>call:ice</c>) and simple-peer signals
/// (<c>call:signal</c>) in turn, each about 300 bytes like a browser's, carrying the send timestamp last
/// (<c>"ts"</c>, a <see cref="TimeProvider.System"/> timestamp) so the peer can compute the latency.
/// </summary>
public sealed class RelayMessage
{
    private readonly byte[] _iceHead;
    private readonly byte[] _signalHead;
    private static readonly byte[] Tail = "}]"u8.ToArray();
    private bool _signalNext;

    private RelayMessage(byte[] iceHead, byte[] signalHead)
    {
        _iceHead = iceHead;
        _signalHead = signalHead;
    }

    public RelayMessage(string callId)
    {
        _iceHead = Encoding.UTF8.GetBytes(
            $$"""["call:ice",{"callId":"{{callId}}","candidate":{"candidate":"candidate:842163049 1 udp 1677729535 192.0.2.10 50816 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag 3Xk9 network-cost 999","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"3Xk9"},"ts":""");
        _signalHead = Encoding.UTF8.GetBytes(
            $$$"""["call:signal",{"callId":"{{{callId}}}","signal":{"type":"candidate","candidate":{"candidate":"candidate:1467250027 1 udp 2122260223 192.168.1.20 56143 typ host generation 0 ufrag 3Xk9 network-id 1","sdpMid":"0","sdpMLineIndex":0}},"ts":""");
    }

    /// <summary>
    /// Trickled ICE candidates only (<c>call:ice</c>), each frame about 260 bytes on the wire: the issue-15 workload's
    /// message (a host candidate with its mid, line index and ufrag).
    /// </summary>
    public static RelayMessage IceOnly(string callId)
    {
        var head = Encoding.UTF8.GetBytes(
            $$"""["call:ice",{"callId":"{{callId}}","candidate":{"candidate":"candidate:1467250027 1 udp 2122260223 192.168.1.20 56143 typ host generation 0 ufrag 3Xk9","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"3Xk9"},"ts":""");
        return new RelayMessage(head, head);
    }

    /// <summary>
    /// The same traffic as a plain Socket.IO relay to a socket anywhere in a cluster, <c>relay</c> with <c>"to"</c> the
    /// peer's socket id (the cross-node workload; no call protocol is involved).
    /// </summary>
    public static RelayMessage ToPeer(string peerSocketId) => new(
        Encoding.UTF8.GetBytes(
            $$"""["relay",{"to":"{{peerSocketId}}","candidate":{"candidate":"candidate:842163049 1 udp 1677729535 192.0.2.10 50816 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag 3Xk9 network-cost 999","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"3Xk9"},"ts":"""),
        Encoding.UTF8.GetBytes(
            $$$"""["relay",{"to":"{{{peerSocketId}}}","signal":{"type":"candidate","candidate":{"candidate":"candidate:1467250027 1 udp 2122260223 192.168.1.20 56143 typ host generation 0 ufrag 3Xk9 network-id 1","sdpMid":"0","sdpMLineIndex":0}},"ts":"""));

    /// <summary>Writes the next frame (<c>42&lt;id&gt;[...]</c>) into <paramref name="buffer"/>; returns its length.</summary>
    public int Write(ref byte[] buffer, long ackId, long timestamp)
    {
        var head = _signalNext ? _signalHead : _iceHead;
        _signalNext = !_signalNext;
        var needed = 2 + 20 + head.Length + 20 + Tail.Length;
        if (buffer.Length < needed)
        {
            buffer = new byte[needed];
        }
        var span = buffer.AsSpan();
        span[0] = (byte)'4';
        span[1] = (byte)'2';
        Utf8Formatter.TryFormat(ackId, span[2..], out var written);
        var position = 2 + written;
        head.CopyTo(span[position..]);
        position += head.Length;
        Utf8Formatter.TryFormat(timestamp, span[position..], out written);
        position += written;
        Tail.CopyTo(span[position..]);
        return position + Tail.Length;
    }
}
