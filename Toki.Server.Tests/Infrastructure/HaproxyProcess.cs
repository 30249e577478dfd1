using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NUnit.Framework;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>Debian's haproxy in the foreground with a configuration file whose addresses come from the environment.</summary>
public sealed class HaproxyProcess : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/haproxy";
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private HaproxyProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts haproxy with <paramref name="configuration"/>, LISTEN set to a free port and <paramref name="environment"/>; skipped when it is not installed.</summary>
    public static async Task<HaproxyProcess> StartAsync(string configuration, IDictionary<string, string> environment)
    {
        if (!File.Exists(Executable))
        {
            Assert.Ignore($"{Executable} is not installed (Debian package haproxy; .ci/install-system-packages installs it with root).");
        }
        var port = FreePort();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-db");
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(configuration);
        start.Environment["LISTEN"] = $"127.0.0.1:{port}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start haproxy");
        var haproxy = new HaproxyProcess(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) haproxy._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) haproxy._output.Enqueue("ERR " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited with {process.ExitCode}:\n{string.Join('\n', haproxy._output)}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return haproxy;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }
        }
        throw new TimeoutException($"haproxy did not listen:\n{string.Join('\n', haproxy._output)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        FailureOutput.WriteIfFailed("haproxy output", _output);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
