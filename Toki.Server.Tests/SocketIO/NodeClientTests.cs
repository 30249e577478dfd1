using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>
/// The official socket.io-client 4.8.4 (Node) against a real Kestrel: each test runs one scenario of
/// node/socketio/driver.mjs and compares its JSON result exactly, plus what the server saw.
/// </summary>
[Parallelizable(ParallelScope.Children)]
[Category(TestCategories.Node)]
public sealed class NodeClientTests
{
    private static IEnumerable<TestCaseData> Transports()
    {
        yield return new TestCaseData("""{"transports":["polling"]}""", "polling", "polling").SetName("polling only");
        yield return new TestCaseData("""{"transports":["websocket"]}""", "websocket", "websocket").SetName("websocket only");
        yield return new TestCaseData("""{"upgrade":true}""", "polling", "websocket").SetName("polling upgraded to websocket");
    }

    [TestCaseSource(nameof(Transports))]
    public async Task RoundTripsEventsAndAcksBothWays(string options, string firstTransport, string transport)
    {
        await using var host = await SocketIOTestHost.StartAsync();

        var result = await host.RunNodeAsync("roundtrip", options);

        Assert.That(result, Is.EqualTo(
            $$"""{"firstTransport":"{{firstTransport}}","transport":"{{transport}}","echoed":[1,"two",{"three":[3,"é™"]},null,true],"acked":["a",{"b":[1,2.5]}],"asked":[14,"answered"]}"""));
        Assert.That(host.Errors, Is.Empty);
    }

    [TestCase("polling")]
    [TestCase("websocket")]
    public async Task CarriesBinaryAtTopLevelNestedAndInAcks(string transport)
    {
        await using var host = await SocketIOTestHost.StartAsync();

        var result = await host.RunNodeAsync("binary", $$"""{"transports":["{{transport}}"]}""");

        Assert.That(result, Is.EqualTo(
            """{"echoed":["hex:010203",{"name":"f","data":"hex:04","parts":["hex:05","hex:"]}],"parsed":["up",3,253,2],"sent":["hex:0102",{"nested":"hex:03","text":"t"}],"binaryAck":["hex:dead"],"asked":[{"file":"hex:0908","of":"hex:01"}]}"""));
    }

    [TestCase("polling")]
    [TestCase("websocket")]
    public async Task CarriesHalfAMegabyteEachWay(string transport)
    {
        await using var host = await SocketIOTestHost.StartAsync();

        var result = await host.RunNodeAsync("large", $$"""{"transports":["{{transport}}"],"size":500000}""");

        Assert.That(result, Is.EqualTo($$"""{"textEqual":true,"bytesEqual":true,"lengths":[500000,500000],"transport":"{{transport}}"}"""));
    }

    [Test]
    public async Task TimesOutAnAckTheClientNeverSends()
    {
        await using var host = await SocketIOTestHost.StartAsync();

        var result = await host.RunNodeAsync("ack-timeout");

        Assert.That(result, Is.EqualTo("""{"asked":1,"answer":["timeout","The client did not acknowledge 'ignored' within 300 ms."]}"""));
    }

    [Test]
    public async Task BroadcastsToRoomsWithExceptionsAndWithoutTheSender()
    {
        await using var host = await SocketIOTestHost.StartAsync();

        var result = await host.RunNodeAsync("rooms");

        Assert.That(result, Is.EqualTo(
            """{"a":[["room-message","t2"],["broadcast","t4"]],"b":[["room-message","t1"],["room-message","t2"],["broadcast","t4"]],"c":[["room-message","t3"]]}"""));
    }

    [Test]
    public async Task AMiddlewareRejectionReachesConnectErrorWithMessageAndData()
    {
        await using var host = await SocketIOTestHost.StartAsync();

        var result = await host.RunNodeAsync("middleware");

        Assert.That(result, Is.EqualTo(
            """{"refused":{"message":"not authorized","data":{"code":401,"retry":false},"active":false},"accepted":true,"invalid":{"message":"Invalid namespace","data":null}}"""));
    }

    [Test]
    public async Task ReportsDisconnectReasonsOnBothSides()
    {
        await using var host = await SocketIOTestHost.StartAsync();

        var result = await host.RunNodeAsync("disconnects");

        var ids = System.Text.Json.JsonDocument.Parse(result).RootElement.GetProperty("ids");
        Assert.That(result, Does.EndWith("""
            "reasons":{"kicked":"io server disconnect","leaving":"io client disconnect","dropped":"forced close"},"kickedActive":false}
            """));
        Assert.That(await host.Reasons.ReasonOf(ids.GetProperty("kicked").GetString()!).DefaultTimeout(), Is.EqualTo("server namespace disconnect"));
        Assert.That(await host.Reasons.ReasonOf(ids.GetProperty("leaving").GetString()!).DefaultTimeout(), Is.EqualTo("client namespace disconnect"));
        Assert.That(await host.Reasons.ReasonOf(ids.GetProperty("dropped").GetString()!).DefaultTimeout(), Is.EqualTo("transport close"));
    }
}
