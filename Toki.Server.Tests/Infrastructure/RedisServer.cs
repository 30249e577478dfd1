using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// A private redis-server (Debian's, installed by .ci/install-system-packages) on a free port with its files in a
/// temp directory, without persistence, so a test can stop and restart it and find it empty, as after a crash.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _directory;
    private Process? _process;

    private RedisServer(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string (and host:port for Node's redis client).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public string Url => $"redis://127.0.0.1:{Port}";

    /// <summary>Starts a server; the test is skipped, saying why, when redis-server is not installed.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            Assert.Ignore($"{Executable} is not installed (Debian package redis-server; .ci/install-system-packages installs it with root).");
        }
        var server = new RedisServer(FreePort(), Directory.CreateTempSubdirectory("toki-redis-").FullName);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the process (again, after <see cref="StopAsync"/>) on the same port and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", _directory, "--daemonize", "no", "--protected-mode", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("ERR " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode}:\n{string.Join('\n', _output)}");
            }
            if (await CommandAsync("PING") == "+PONG")
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
        throw new TimeoutException($"redis-server did not answer:\n{string.Join('\n', _output)}");
    }

    /// <summary>Kills the server at once (its data is gone: it keeps none on disk).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async Task FlushAsync() => await CommandAsync("FLUSHALL");

    /// <summary>GET <paramref name="key"/>: the string value, or null when there is none.</summary>
    public async Task<string?> GetAsync(string key)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"*2\r\n$3\r\nGET\r\n${Encoding.UTF8.GetByteCount(key)}\r\n{key}\r\n"));
        var reader = new StreamReader(stream, Encoding.UTF8);
        var header = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        return header is null || header.StartsWith("$-1", StringComparison.Ordinal) || header == "_" ? null : await reader.ReadLineAsync();
    }

    /// <summary>Sends one inline command and returns the first line of the answer, or null when the server is not reachable.</summary>
    public async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            var buffer = new byte[4096];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            var end = text.IndexOf("\r\n", StringComparison.Ordinal);
            return end < 0 ? text : text[..end];
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        FailureOutput.WriteIfFailed("redis-server output", _output);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
