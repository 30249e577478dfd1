namespace Toki.Bench.Workloads;

/// <summary>
/// Connection storm: N clients open a WebSocket, get the Engine.IO open packet and join the namespace with a
/// JWT (validated by the server), a fixed number of handshakes in flight at a time. Connects per second, from the
/// first TCP connect to the last CONNECT acknowledgement.
/// </summary>
public static class StormWorkload
{
    public static async Task RunAsync(WorkloadContext context)
    {
        var options = context.Options;
        var connector = new ClientConnector(context.Host.BaseUrl);
        var warmup = await context.ConnectAsync(connector, [.. Enumerable.Range(0, Math.Min(200, options.StormClients)).Select(i => $"warm-{i}")],
            options.StormConcurrency, captureEvents: false);
        await WorkloadContext.DisposeAllAsync(warmup);
        await context.PauseAsync(TimeSpan.FromMilliseconds(500));

        var users = Enumerable.Range(0, options.StormClients).Select(i => $"storm-{i}").ToArray();
        var (server, self) = (context.SampleServer(), ProcessSample.Self());
        var clients = await context.ConnectAsync(connector, users, options.StormConcurrency, captureEvents: false);
        var (serverAfter, selfAfter) = (context.SampleServer(), ProcessSample.Self());
        try
        {
            var seconds = TimeProvider.System.GetElapsedTime(server.Timestamp, serverAfter.Timestamp).TotalSeconds;
            context.Record("storm connects/s", "conn/s", clients.Length / seconds);
            var cores = ProcessSample.CoresUsed(server, serverAfter);
            context.Record("storm server CPU", "cores", cores);
            context.Record("server CPU per connect (JWT handshake to first call:state)", "ms", cores * seconds * 1000 / clients.Length);
            context.Record("storm generator CPU", "cores", ProcessSample.CoresUsed(self, selfAfter));
        }
        finally
        {
            await WorkloadContext.DisposeAllAsync(clients);
        }
    }
}
