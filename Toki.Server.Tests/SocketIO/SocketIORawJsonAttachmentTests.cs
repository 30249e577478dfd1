using System.Text;
using NUnit.Framework;
using Toki.SocketIO;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// Raw JSON arguments that carry their own attachments (how the call gateway relays binary): emitted alone they are
/// written verbatim with their attachments; after other binary arguments their placeholders are renumbered to follow.
/// Frames are shown as the header text, then each attachment in hex, "|"-separated.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class SocketIORawJsonAttachmentTests
{
    private static SocketIORawJson Raw(string json, params byte[][] attachments) =>
        new(Encoding.UTF8.GetBytes(json), [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)]);

    private static TestCaseData Args(params object?[] args) => new((object)args);

    private static IEnumerable<TestCaseData> Events()
    {
        yield return Args(Raw("""{"a":{"_placeholder":true,"num":0}}""", [1, 2]))
            .Returns("451-[\"e\",{\"a\":{\"_placeholder\":true,\"num\":0}}]|0102").SetName("raw JSON with one attachment, verbatim");
        yield return Args(Raw("""{ "x" : [{"_placeholder":true,"num":1}, {"_placeholder":true,"num":0}] }""", [0xA], [0xB]))
            .Returns("452-[\"e\",{ \"x\" : [{\"_placeholder\":true,\"num\":1}, {\"_placeholder\":true,\"num\":0}] }]|0a|0b").SetName("raw JSON alone keeps its own numbering and spacing");
        yield return Args(new byte[] { 9 }, Raw("""{"a":{"_placeholder":true,"num":0},"s":"\ud800"}""", [1, 2]))
            .Returns("452-[\"e\",{\"_placeholder\":true,\"num\":0},{\"a\":{\"_placeholder\":true,\"num\":1},\"s\":\"\\ud800\"}]|09|0102").SetName("raw JSON after a byte[] is renumbered");
        yield return Args(Raw("""{"p":{"_placeholder":true,"num":0}}""", [1]), Raw("""[{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}]""", [2], [3]))
            .Returns("453-[\"e\",{\"p\":{\"_placeholder\":true,\"num\":0}},[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]]|01|03|02").SetName("two raw arguments with attachments");
        yield return Args(Raw("""{"plain":1}"""))
            .Returns("42[\"e\",{\"plain\":1}]").SetName("raw JSON without attachments stays an EVENT");
    }

    [TestCaseSource(nameof(Events))]
    public string EncodesRawJsonWithAttachments(object?[] args)
    {
        var packet = SocketIOPacketEncoder.EncodeEvent("/", "e", args, null, null, System.Text.Json.JsonSerializerOptions.Default);
        var header = Encoding.UTF8.GetString(packet.Header.Bytes.Span);
        return string.Join("|", [header, .. (packet.Attachments ?? []).Select(a => Convert.ToHexStringLower(a.Bytes.Span))]);
    }
}
