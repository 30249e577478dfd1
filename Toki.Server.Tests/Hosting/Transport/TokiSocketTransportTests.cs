using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Toki.Server.Hosting.Transport;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hosting.Transport;

/// <summary>
/// Kestrel on 127.0.0.1:0 accepting with Toki's socket transport: HTTP through it, the end of a connection seen while
/// Kestrel is not reading, backpressure both ways, resets, aborts, shutdown and many connections.
/// </summary>
[TestFixture]
[Category(TestCategories.Functional)]
public sealed partial class TokiSocketTransportTests
{
    private const int LargeBody = 8 * 1024 * 1024;

    private KestrelTestHost _host = null!;
    private TaskCompletionSource<ConnectionContext> _firstConnection = null!;
    private TaskCompletionSource _holdStarted = null!;
    private TaskCompletionSource _holdAborted = null!;
    private long _written;
    private bool _stopped;

    [SetUp]
    public async Task StartHost()
    {
        _firstConnection = new TaskCompletionSource<ConnectionContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        _holdStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holdAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _written = 0;
        _host = await KestrelTestHost.StartAsync(app =>
        {
            app.MapGet("/hello", context =>
            {
                context.Response.ContentLength = "hello from toki".Length;
                return context.Response.WriteAsync("hello from toki");
            });
            app.MapGet("/hold", async context =>
            {
                _holdStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    _holdAborted.TrySetResult();
                }
            });
            app.MapPost("/sha256", async context =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
                await context.Response.WriteAsync(Convert.ToHexString(hash.GetHashAndReset()));
            });
            app.MapGet("/flood/{megabytes:int}", async (HttpContext context, int megabytes) =>
            {
                // Bytes 0..250 repeating: a 64 KiB chunk's pattern carries on into the next (65536 % 251 != 0), so the
                // client can check every byte's place.
                var chunk = new byte[64 * 1024];
                context.Response.ContentLength = megabytes * 1024L * 1024;
                for (var sent = 0L; sent < context.Response.ContentLength; sent += chunk.Length)
                {
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = (byte)((sent + i) % 251);
                    }
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref _written, chunk.Length);
                }
            });
            app.MapGet("/abort", context =>
            {
                context.Abort();
                return Task.CompletedTask;
            });
        }, builder =>
        {
            builder.Services.AddTokiSocketTransport();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
            {
                _firstConnection.TrySetResult(connection);
                return next(connection);
            })));
        });
    }

    [TearDown]
    public async Task StopHost()
    {
        if (!_stopped)
        {
            await _host.DisposeAsync();
        }
    }

    [Test]
    public async Task KestrelAcceptsWithTheTokiTransportAndReadsItsFeatures()
    {
        using var client = new HttpClient { BaseAddress = _host.BaseUrl };

        Assert.That(await client.GetStringAsync("/hello").DefaultTimeout(), Is.EqualTo("hello from toki"));
        var connection = await _firstConnection.Task.DefaultTimeout();
        Assert.That(connection, Is.InstanceOf<TokiSocketConnection>());
        Assert.That(connection.ConnectionId, Has.Length.EqualTo(13));
        Assert.That(connection.Features.Get<IConnectionIdFeature>()!.ConnectionId, Is.EqualTo(connection.ConnectionId));
        Assert.That(connection.Features.Get<IConnectionTransportFeature>()!.Transport, Is.SameAs(connection.Transport));
        Assert.That(connection.Features.Get<IMemoryPoolFeature>()!.MemoryPool, Is.Not.Null);
        Assert.That(connection.Features.Get<IConnectionLifetimeFeature>(), Is.Not.Null);
        Assert.That(connection.RemoteEndPoint, Is.InstanceOf<IPEndPoint>());
        Assert.That(((IPEndPoint)connection.LocalEndPoint!).Port, Is.EqualTo(_host.BaseUrl.Port));
    }

    [Test]
    public async Task AHeldRequestSeesRequestAbortedWhenTheClientClosesItsConnection()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "GET /hold HTTP/1.1\r\nHost: test\r\n\r\n");
        await _holdStarted.Task.DefaultTimeout();

        client.Shutdown(SocketShutdown.Send);

        await _holdAborted.Task.DefaultTimeout();
    }

    [Test]
    public async Task AHeldRequestSeesRequestAbortedWhenThePeerResets()
    {
        var client = await ConnectAsync();
        await SendAsync(client, "GET /hold HTTP/1.1\r\nHost: test\r\n\r\n");
        await _holdStarted.Task.DefaultTimeout();

        client.LingerState = new LingerOption(true, 0);
        client.Dispose();

        await _holdAborted.Task.DefaultTimeout();
    }

    [Test]
    public async Task ALargeRequestBodyArrivesWhole()
    {
        var body = RandomNumberGenerator.GetBytes(LargeBody);
        using var client = new HttpClient { BaseAddress = _host.BaseUrl };

        using var response = await client.PostAsync("/sha256", new ByteArrayContent(body)).DefaultTimeout();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync().DefaultTimeout(), Is.EqualTo(Convert.ToHexString(SHA256.HashData(body))));
    }

    [Test]
    public async Task ALargeResponseBodyArrivesWhole()
    {
        using var client = new HttpClient { BaseAddress = _host.BaseUrl };

        var body = await client.GetByteArrayAsync("/flood/8").DefaultTimeout();

        Assert.That(body, Has.Length.EqualTo(8 * 1024 * 1024));
        Assert.That(body.Select((value, index) => value == (byte)(index % 251)).All(same => same), Is.True);
    }

    [Test]
    public async Task AClientThatDoesNotReadHoldsTheServerBackUntilItReads()
    {
        const int megabytes = 128;
        using var client = await ConnectAsync();
        client.ReceiveBufferSize = 64 * 1024;
        await SendAsync(client, $"GET /flood/{megabytes} HTTP/1.1\r\nHost: test\r\n\r\n");

        // The response stops at what the kernel's buffers hold: the server's flushes wait instead of buffering it all.
        var stalledAt = await WaitUntilTheWritesStallAsync();
        Assert.That(stalledAt, Is.LessThan(megabytes * 1024L * 1024 / 4));

        var received = await ReadToEndOfBodyAsync(client, megabytes * 1024L * 1024);
        Assert.That(received, Is.EqualTo(megabytes * 1024L * 1024));
    }

    [Test]
    public async Task AnAbortByTheServerEndsTheConnection()
    {
        using var client = await ConnectAsync();
        await SendAsync(client, "GET /abort HTTP/1.1\r\nHost: test\r\n\r\n");

        // Ends, rather than running into the timeout.
        await SocketReads.ReadToEndAsync(client).DefaultTimeout();
    }

    [Test]
    public async Task ShutdownEndsOpenConnections()
    {
        using var idle = await ConnectAsync();
        await SendAsync(idle, "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n");
        var buffer = new byte[1024];
        Assert.That(await idle.ReceiveAsync(buffer.AsMemory()).AsTask().DefaultTimeout(), Is.GreaterThan(0));
        using var holding = await ConnectAsync();
        await SendAsync(holding, "GET /hold HTTP/1.1\r\nHost: test\r\n\r\n");
        await _holdStarted.Task.DefaultTimeout();

        _stopped = true;
        await _host.DisposeAsync().AsTask().DefaultTimeout();

        // Both end, rather than running into the timeout.
        await SocketReads.ReadToEndAsync(idle).DefaultTimeout();
        await SocketReads.ReadToEndAsync(holding).DefaultTimeout();
        await _holdAborted.Task.DefaultTimeout();
    }

    [Test]
    public async Task ManyConnectionsAreServedAtOnce()
    {
        const int connections = 300;
        var clients = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => ConnectAsync())).DefaultTimeout();
        try
        {
            await Task.WhenAll(clients.Select(client => SendAsync(client, "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n"))).DefaultTimeout();
            var answers = await Task.WhenAll(clients.Select(ReadResponseAsync)).DefaultTimeout();

            Assert.That(answers, Has.All.EndsWith("hello from toki"));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
