namespace Toki.Bench;

/// <summary>
/// What a workload gets: the server it drives (already started; for a cluster workload, the two servers and their
/// Redis), the run's options and where numbers go.
/// </summary>
public sealed class WorkloadContext
{
    private readonly ServerHost? _host;
    private readonly BenchResults _results;

    public WorkloadContext(ServerHost host, BenchOptions options, BenchResults results, int round, TextWriter log, CancellationToken cancellationToken)
        : this(host.Kind, options, results, round, log, cancellationToken)
    {
        _host = host;
    }

    public WorkloadContext(ClusterHost cluster, BenchOptions options, BenchResults results, int round, TextWriter log, CancellationToken cancellationToken)
        : this(cluster.Kind, options, results, round, log, cancellationToken)
    {
        Cluster = cluster;
    }

    private WorkloadContext(ServerKind server, BenchOptions options, BenchResults results, int round, TextWriter log, CancellationToken cancellationToken)
    {
        Server = server;
        Options = options;
        _results = results;
        Round = round;
        Log = log;
        CancellationToken = cancellationToken;
    }

    /// <summary>The single server of the measurement (not set for a cluster workload).</summary>
    public ServerHost Host => _host ?? throw new InvalidOperationException("this workload runs on a cluster");

    /// <summary>The two servers and Redis of a cluster workload.</summary>
    public ClusterHost? Cluster { get; }

    public BenchOptions Options { get; }

    public int Round { get; }

    public TextWriter Log { get; }

    public CancellationToken CancellationToken { get; }

    public ServerKind Server { get; }

    public void Record(string metric, string unit, double value)
    {
        _results.Add(metric, unit, Server, Round, value);
        Log.WriteLine($"    {Server,-4} {metric,-34} {value,12:0.###} {unit}");
    }

    public void RecordLatencyCurve(double[] percentiles) => _results.AddLatencyCurve(Server, Round, percentiles);

    /// <summary>The server's CPU and memory; for a cluster, both servers' together (Redis apart, see <see cref="SampleRedis"/>).</summary>
    public ProcessSample SampleServer()
    {
        if (Cluster is null)
        {
            return ProcessSample.Read(Host.Pid);
        }
        var samples = Cluster.NodePids.Select(ProcessSample.Read).ToArray();
        return new ProcessSample(samples.Sum(s => s.CpuTicks), samples.Sum(s => s.RssBytes), samples[^1].Timestamp);
    }

    public ProcessSample SampleRedis() => ProcessSample.Read(Cluster!.RedisPid);

    /// <summary>Connects <paramref name="userIds"/>.Count clients, at most <paramref name="concurrency"/> handshakes at a time.</summary>
    public async Task<BenchClient[]> ConnectAsync(ClientConnector connector, IReadOnlyList<string> userIds, int concurrency, bool captureEvents)
    {
        var tokens = userIds.Select(id => JwtMinter.Mint(id, ServerHost.JwtSecret)).ToArray();
        var clients = new BenchClient[userIds.Count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, userIds.Count)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < clients.Length)
            {
                // The relay cluster's nodes run no call protocol, so no call:state follows their CONNECT; call servers send it.
                clients[index] = await BenchClient.ConnectAsync(connector, userIds[index], tokens[index], captureEvents,
                    awaitCallState: Cluster is not { CallServers: false }, CancellationToken);
            }
        });
        try
        {
            await Task.WhenAll(workers);
        }
        catch
        {
            await DisposeAllAsync(clients);
            throw;
        }
        return clients;
    }

    public static async Task DisposeAllAsync(IEnumerable<BenchClient?> clients) =>
        await Task.WhenAll(clients.OfType<BenchClient>().Select(c => c.DisposeAsync().AsTask()));

    public Task PauseAsync(TimeSpan duration) => Task.Delay(duration, TimeProvider.System, CancellationToken);
}
