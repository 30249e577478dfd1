using System.Text;
using NUnit.Framework;
using Toki.EngineIO;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A polling POST whose body cannot be read, on a real Kestrel: a malformed chunked body gets the spec's 400, a body
/// over the limit 413, a client gone mid-body gets nothing; in every case the session closes cleanly (the next GET
/// is answered at once), nothing is logged as an error and no stack trace reaches the client.
/// </summary>
[Category(TestCategories.Functional)]
public sealed class EngineIOPollingBodyTests
{
    private const string BadRequest = """{"code":3,"message":"Bad request"}""";
    private const string UnknownSid = """{"code":1,"message":"Session ID unknown"}""";

    private static readonly object[] MalformedBodies =
    [
        new object[] { "chunk size of 2^64 - 1", "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n4hello\r\n0\r\n\r\n" },
        new object[] { "chunk size that is not hex", "Transfer-Encoding: chunked\r\n\r\nZZ\r\n4hello\r\n0\r\n\r\n" },
        new object[] { "chunk without its CRLF", "Transfer-Encoding: chunked\r\n\r\n2\r\n4hXX0\r\n\r\n" },
    ];

    [TestCaseSource(nameof(MalformedBodies))]
    public async Task AMalformedChunkedBodyIsABadRequestAndClosesTheSession(string name, string headersAndBody)
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions());
        using var connection = await EngineIORawHttpConnection.ConnectAsync(host.Http.BaseAddress!);
        var sid = (await connection.SendAsync("GET", "EIO=4&transport=polling")).Body[9..29];

        await connection.SendRawAsync(Encoding.ASCII.GetBytes(
            $"POST /engine.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: {host.Http.BaseAddress!.Authority}\r\n{headersAndBody}"));
        var answer = await connection.ReadAnswerAsync().DefaultTimeout();

        Assert.That(answer, Is.EqualTo(new HttpAnswer(400, BadRequest)), name);
        Assert.That(await host.Handler.Sessions[sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (invalid request body)"));
        Assert.That(await host.SendAsync(HttpMethod.Get, $"EIO=4&transport=polling&sid={sid}").DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)));
        AssertNoErrorLogged(host);
    }

    [Test]
    public async Task AChunkedBodyOverTheLimitIsTooLargeAndClosesTheSession()
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions { MaxPayload = 1024 });
        using var connection = await EngineIORawHttpConnection.ConnectAsync(host.Http.BaseAddress!);
        var sid = (await connection.SendAsync("GET", "EIO=4&transport=polling")).Body[9..29];

        await connection.SendRawAsync(Encoding.ASCII.GetBytes(
            $"POST /engine.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: {host.Http.BaseAddress!.Authority}\r\n" +
            $"Transfer-Encoding: chunked\r\n\r\n801\r\n4{new string('x', 2048)}\r\n0\r\n\r\n"));

        Assert.That(await connection.ReadAnswerAsync().DefaultTimeout(), Is.EqualTo(new HttpAnswer(413, """{"code":7,"message":"Payload too large"}""")));
        Assert.That(await host.Handler.Sessions[sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (max payload exceeded)"));
        AssertNoErrorLogged(host);
    }

    [Test]
    public async Task ABodyCutShortByTheClientIsABadRequestAndClosesTheSession()
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions());
        using var connection = await EngineIORawHttpConnection.ConnectAsync(host.Http.BaseAddress!);
        var sid = (await connection.SendAsync("GET", "EIO=4&transport=polling")).Body[9..29];

        await connection.SendRawAsync(Encoding.ASCII.GetBytes(
            $"POST /engine.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: {host.Http.BaseAddress!.Authority}\r\n" +
            "Content-Length: 100\r\n\r\n4hal"));
        connection.EndSending();

        // Kestrel may drop a half-closed connection before the answer leaves; if anything comes back, it is the 400.
        var answer = await connection.TryReadAnswerAsync().DefaultTimeout();
        Assert.That(answer, Is.Null.Or.EqualTo(new HttpAnswer(400, BadRequest)));
        Assert.That(await host.Handler.Sessions[sid].Closed.DefaultTimeout(), Is.EqualTo("transport error (invalid request body)"));
        Assert.That(await host.SendAsync(HttpMethod.Get, $"EIO=4&transport=polling&sid={sid}").DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)),
            "the next GET is answered at once");
        AssertNoErrorLogged(host);
    }

    [Test]
    public async Task AClientThatResetsMidBodyClosesTheSessionWithoutAnError()
    {
        await using var host = await EngineTestHost.StartAsync(new EngineIOOptions());
        var sid = (await host.SendAsync(HttpMethod.Get, "EIO=4&transport=polling")).Body[9..29];

        using (var connection = await EngineIORawHttpConnection.ConnectAsync(host.Http.BaseAddress!))
        {
            await connection.SendRawAsync(Encoding.ASCII.GetBytes(
                $"POST /engine.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: {host.Http.BaseAddress!.Authority}\r\n" +
                "Content-Length: 100\r\n\r\n4hal"));
            // A reset that overtakes the head ends the connection before any request exists, and the session would
            // only close at its ping timeout: reset once the POST is being served.
            await host.PostRequestStarted.DefaultTimeout();
            await connection.ResetAsync();
        }

        Assert.That(await host.Handler.Sessions[sid].Closed.DefaultTimeout(), Does.StartWith("transport error ("));
        Assert.That(await host.SendAsync(HttpMethod.Get, $"EIO=4&transport=polling&sid={sid}").DefaultTimeout(), Is.EqualTo(new HttpAnswer(400, UnknownSid)),
            "the next GET is answered at once");
        AssertNoErrorLogged(host);
    }

    [Test]
    public async Task AServerStoppingWhileABodyIsReadLogsNoError()
    {
        var host = await EngineTestHost.StartAsync(new EngineIOOptions());
        using var connection = await EngineIORawHttpConnection.ConnectAsync(host.Http.BaseAddress!);
        var sid = (await connection.SendAsync("GET", "EIO=4&transport=polling")).Body[9..29];
        await connection.SendRawAsync(Encoding.ASCII.GetBytes(
            $"POST /engine.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: {host.Http.BaseAddress!.Authority}\r\n" +
            "Content-Length: 100\r\n\r\n4hal"));
        await host.PostRequestStarted.DefaultTimeout();

        await host.DisposeAsync().AsTask().DefaultTimeout();

        Assert.That(await host.Handler.Sessions[sid].Closed.DefaultTimeout(), Is.EqualTo("server shutting down ()"));
        AssertNoErrorLogged(host);
    }

    private static void AssertNoErrorLogged(EngineTestHost host) =>
        Assert.That(host.Logs.Where(line => line.Contains(" Error ", StringComparison.Ordinal) || line.Contains(" Critical ", StringComparison.Ordinal)
            || line.Contains("Warning", StringComparison.Ordinal)), Is.Empty);
}
