using NUnit.Framework;
using Toki.EngineIO.Protocol;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// The per-socket recovery history. Each append is "offset" (recorded while suspended: nothing ages out) or
/// "offset@time&lt;since" (recorded while connected at that time, dropping entries older than since). The query
/// is the client's last offset ("-" for none); the answer is the offsets to replay, or "refused".
/// Every packet is 10 bytes.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class PacketHistoryTests
{
    private static IEnumerable<TestCaseData> Histories()
    {
        yield return Case("empty, client saw nothing", 8, 1000, [], "-", "");
        yield return Case("empty, client presents an unknown offset", 8, 1000, [], "5", "refused");
        yield return Case("no event before the drop, three while away", 8, 1000, ["1", "2", "3"], "-", "1,2,3");
        yield return Case("replays after the client's offset", 8, 1000, ["1", "2", "3"], "1", "2,3");
        yield return Case("client saw everything", 8, 1000, ["1", "2", "3"], "3", "");
        yield return Case("offset never sent to this socket", 8, 1000, ["1", "2", "3"], "9", "refused");
        yield return Case("window keeps entries at exactly its start", 8, 1000, ["1@0<0", "2@10<0", "3@20<10"], "1", "2,3");
        yield return Case("window prunes older entries", 8, 1000, ["1@0<0", "2@10<0", "3@20<5"], "2", "3");
        yield return Case("client's offset is the packet that just aged out", 8, 1000, ["1@0<0", "2@10<0", "3@20<5"], "1", "2,3");
        yield return Case("client's offset aged out before the last one", 8, 1000, ["1@0<0", "2@10<0", "3@20<15"], "1", "refused");
        yield return Case("client saw nothing although a packet aged out", 8, 1000, ["1@0<0", "2@10<0", "3@20<5"], "-", "refused");
        yield return Case("connected window then suspended", 8, 1000, ["1@0<0", "2@10<0", "3", "4"], "2", "3,4");
        yield return Case("connected window then suspended, older offset", 8, 1000, ["1@0<0", "2@10<0", "3", "4"], "1", "2,3,4");
        yield return Case("count overflow while connected only ages out", 2, 1000, ["1@0<0", "2@0<0", "3@0<0"], "1", "2,3");
        yield return Case("count overflow while connected, newest offset", 2, 1000, ["1@0<0", "2@0<0", "3@0<0"], "2", "3");
        yield return Case("count overflow while suspended marks the history incomplete", 2, 1000, ["1", "2", "3"], "2", "refused");
        yield return Case("incomplete even for the newest offset", 2, 1000, ["1", "2", "3"], "3", "refused");
        yield return Case("byte overflow while suspended marks the history incomplete", 8, 25, ["1", "2", "3"], "-", "refused");
        yield return Case("byte bound reached exactly is kept", 8, 30, ["1", "2", "3"], "-", "1,2,3");
        yield return Case("byte overflow while connected only ages out", 8, 25, ["1@0<0", "2@0<0", "3@0<0"], "1", "2,3");
        yield return Case("overflow while suspended after a connected window", 3, 1000, ["1@0<0", "2@0<0", "3", "4"], "2", "refused");
        yield return Case("cluster stream ids replay after the client's", 8, 1000, ["1700-0", "1700-1", "1701-0"], "1700-0", "1700-1,1701-0");
        yield return Case("cluster stream id never sent to this socket", 8, 1000, ["1700-0", "1700-1"], "1700-2", "refused");
        yield return Case("a stream id aged out just now", 8, 1000, ["1700-0@0<0", "1700-1@10<5"], "1700-0", "1700-1");
        yield return Case("a non-canonical stream id is refused", 8, 1000, ["1700-0", "1700-1"], "1700-00", "refused");
    }

    [TestCaseSource(nameof(Histories))]
    public void AnswersTheReconnectingClient(int maxPackets, long maxBytes, string[] appends, string lastOffset, string expected)
    {
        var history = new PacketHistory(maxPackets, maxBytes);
        foreach (var append in appends)
        {
            var at = append.IndexOf('@');
            if (at < 0)
            {
                history.Append(Packet(append), now: 1_000, keepSince: null);
                continue;
            }
            var since = append.IndexOf('<');
            history.Append(Packet(append[..at]), now: long.Parse(append[(at + 1)..since]), keepSince: long.Parse(append[(since + 1)..]));
        }

        var missed = history.After(lastOffset == "-" ? null : lastOffset);

        Assert.That(missed is null ? "refused" : string.Join(",", missed.Select(p => p.Offset)), Is.EqualTo(expected));
    }

    [Test]
    public void CountsWhatItRetains()
    {
        var history = new PacketHistory(2, 1000);
        history.Append(Packet("1"), 0, null);
        history.Append(Packet("2"), 0, null);
        history.Append(Packet("3"), 0, null);

        Assert.That(history.Count, Is.EqualTo(2));
    }

    [Test]
    public void CountsAttachmentsInTheByteBound()
    {
        var history = new PacketHistory(8, 30);
        history.Append(new OutboundPacket(EngineFrame.Message("2[\"e\",\"1\"]"), [EngineFrame.Binary(new byte[25])], "1"), 0, null);

        Assert.That(history.After(null), Is.Null);
    }

    [Test]
    public void ReplaysTheExactBytesWhileItsBufferIsCompactedGrownAndShrunk()
    {
        var history = new PacketHistory(64, 64 * 1024);
        var sent = new List<OutboundPacket>();
        var random = new Random(7);
        for (var i = 1; i <= 3000; i++)
        {
            // Bursts of large packets, then long runs of small ones, so the buffer grows and later shrinks.
            var size = i % 500 < 100 ? random.Next(200, 900) : random.Next(5, 40);
            var packet = new OutboundPacket(EngineFrame.Message($"2[\"e\",\"{new string((char)('a' + (i % 26)), size)}\",\"{i}\"]"), null, i.ToString());
            sent.Add(packet);
            history.Append(packet, now: i, keepSince: i - 50);
        }

        var missed = history.After("2990")!;

        Assert.That(missed, Is.Not.Null);
        Assert.That(missed.Select(p => p.Offset), Is.EqualTo(Enumerable.Range(2991, 10).Select(i => i.ToString())));
        Assert.That(missed.Select(p => p.Header.Bytes.ToArray()), Is.EqualTo(sent.Skip(2990).Select(p => p.Header.Bytes.ToArray())));
        Assert.That(history.After("2900"), Is.Null, "aged out more than one packet ago");
        Assert.That(history.After("x"), Is.Null);
    }

    // "42[\"\",\"N\"]": exactly 10 bytes for a one-digit offset.
    private static OutboundPacket Packet(string offset) => new(EngineFrame.Message($"2[\"\",\"{offset}\"]"), null, offset);

    private static TestCaseData Case(string name, int maxPackets, long maxBytes, string[] appends, string lastOffset, string expected) =>
        new TestCaseData(maxPackets, maxBytes, appends, lastOffset, expected).SetName(name);
}
