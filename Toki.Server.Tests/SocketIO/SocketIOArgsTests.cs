using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;
using Toki.SocketIO.Protocol;

namespace Toki.Server.Tests.SocketIO;

/// <summary>Reading received arguments: counts, raw JSON, typed values and binary placeholders at any depth.</summary>
[Category(TestCategories.Unit)]
public sealed class SocketIOArgsTests
{
    private SocketIOServer _server = null!;

    [OneTimeSetUp]
    public void CreateServer() => _server = new SocketIOServer(new SocketIOServerOptions(), new FakeTimeProvider(), NullLoggerFactory.Instance);

    [OneTimeTearDown]
    public async Task DisposeServer() => await _server.DisposeAsync();

    public sealed record Upload(string Name, byte[] Data, byte[][] Parts);

    [Test]
    public void ReadsEventArgumentsAfterTheName()
    {
        using var args = Receive("2[\"ev\",1,\"two\",{\"three\" : 3}]", null);

        Assert.That(args.Count, Is.EqualTo(3));
        Assert.That(args.Get<int>(0), Is.EqualTo(1));
        Assert.That(args.Get<string>(1), Is.EqualTo("two"));
        Assert.That(Encoding.UTF8.GetString(args.GetRawJson(2)), Is.EqualTo("{\"three\" : 3}"));
        Assert.That(args.GetBinary(0), Is.Null);
        Assert.That(() => args[3], Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ResolvesPlaceholdersAtTopLevelAndNested()
    {
        using var args = Receive(
            "53-[\"up\",{\"_placeholder\":true,\"num\":2},{\"name\":\"f\",\"data\":{\"_placeholder\":true,\"num\":0},\"parts\":[{\"_placeholder\":true,\"num\":1}]}]",
            [[1], [2, 2], [3, 3, 3]]);

        var upload = args.Get<Upload>(1)!;

        Assert.That(args.GetBinary(0), Is.EqualTo(new byte[] { 3, 3, 3 }));
        Assert.That(args.Get<byte[]>(0), Is.EqualTo(new byte[] { 3, 3, 3 }));
        Assert.That(upload.Name, Is.EqualTo("f"));
        Assert.That(upload.Data, Is.EqualTo(new byte[] { 1 }));
        Assert.That(upload.Parts, Has.Length.EqualTo(1));
        Assert.That(upload.Parts[0], Is.EqualTo(new byte[] { 2, 2 }));
    }

    [TestCase("{\"_placeholder\":true,\"num\":1}", TestName = "placeholder index past the attachments")]
    [TestCase("{\"_placeholder\":true,\"num\":-1}", TestName = "negative placeholder index")]
    [TestCase("{\"_placeholder\":false,\"num\":0}", TestName = "placeholder flag false")]
    [TestCase("{\"_placeholder\":true,\"num\":\"0\"}", TestName = "placeholder index as a string")]
    [TestCase("{\"_placeholder\":true}", TestName = "placeholder without index")]
    public void RefusesInvalidPlaceholders(string placeholder)
    {
        // The decoder already refuses most of these packets (illegal attachments); the arguments refuse them too.
        var json = $"[\"up\",{placeholder}]";
        using var args = new SocketIOArgs(System.Text.Json.JsonDocument.Parse(json), 1, [[1]], json.Length, _server.JsonOptions);

        Assert.That(args.GetBinary(0), Is.Null);
        Assert.That(() => args.Get<byte[]>(0), Throws.InstanceOf<System.Text.Json.JsonException>());
    }

    [Test]
    public void ReadsBase64StringsAsBytes()
    {
        using var args = Receive("2[\"ev\",\"AQID\"]", null);

        Assert.That(args.Get<byte[]>(0), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void CannotBeReadOnceDisposed()
    {
        var args = Receive("2[\"ev\",1]", null);

        args.Dispose();

        Assert.That(() => args[0], Throws.TypeOf<ObjectDisposedException>());
    }

    private SocketIOArgs Receive(string text, IReadOnlyList<byte[]>? attachments)
    {
        Assert.That(SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(text), out var packet), Is.EqualTo(SocketIOParseError.None));
        using (packet)
        {
            return new SocketIOArgs(packet!.DetachPayload(), 1, attachments, packet.PayloadLength, _server.JsonOptions);
        }
    }
}
