using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// One server of a test cluster as a process of its own: Toki (Toki.ClusterNode.dll) or Node (node/cluster-node.mjs,
/// socket.io 4.8.4 with the official Redis adapter), both answering the same probe events. It can be killed without
/// warning (SIGKILL) and started again on the same port.
/// </summary>
public sealed class ClusterMember : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public ClusterMember(string name, bool isNode, string redisUrl, string mode, IDictionary<string, string>? extra = null)
    {
        Name = name;
        IsNode = isNode;
        Port = FreePort();
        _environment = new Dictionary<string, string>
        {
            ["PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["REDIS_URL"] = redisUrl,
            ["MODE"] = mode,
            ["NODE_NAME"] = name,
            ["RECOVERY_MS"] = "120000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    public string Name { get; }

    public bool IsNode { get; }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public IReadOnlyCollection<string> Output => _output;

    public async Task StartAsync()
    {
        var start = IsNode
            ? new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.NodeDrivers }
            : new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(IsNode ? Path.Combine(RepositoryPaths.NodeDrivers, "cluster-node.mjs") : Path.Combine(AppContext.BaseDirectory, "Toki.ClusterNode.dll"));
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Name}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue("ERR " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{string.Join('\n', _output)}");
            }
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
        throw new TimeoutException($"{Name} did not become ready:\n{string.Join('\n', _output)}");
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is said to Redis or the clients.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _output.Enqueue("---- killed ----");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        FailureOutput.WriteIfFailed($"{Name} output", _output);
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
