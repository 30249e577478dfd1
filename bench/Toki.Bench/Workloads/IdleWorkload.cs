namespace Toki.Bench.Workloads;

/// <summary>
/// Idle cost: N WebSocket clients connect and then only answer the server's pings. Resident memory per
/// connection (growth over the warmed-up server's baseline), CPU while only pings flow, and how many of the N
/// are still connected at the end.
/// </summary>
public static class IdleWorkload
{
    public static async Task RunAsync(WorkloadContext context)
    {
        var options = context.Options;
        var connector = new ClientConnector(context.Host.BaseUrl);
        var warmup = await context.ConnectAsync(connector, [.. Enumerable.Range(0, 200).Select(i => $"warm-{i}")], 32, captureEvents: false);
        await WorkloadContext.DisposeAllAsync(warmup);
        await context.PauseAsync(TimeSpan.FromSeconds(options.IsSmoke ? 0.5 : 3));
        var baseline = context.SampleServer();

        var users = Enumerable.Range(0, options.IdleClients).Select(i => $"idle-{i}").ToArray();
        var clients = await context.ConnectAsync(connector, users, 64, captureEvents: false);
        try
        {
            await context.PauseAsync(TimeSpan.FromSeconds(options.IsSmoke ? 0.5 : 5));
            var start = context.SampleServer();
            await context.PauseAsync(options.IdleHold);
            var end = context.SampleServer();

            var held = clients.Count(c => !c.IsClosed);
            context.Record($"idle connections held (of {options.IdleClients})", "conn", held);
            context.Record("idle memory per connection", "KiB", (end.RssBytes - baseline.RssBytes) / 1024.0 / options.IdleClients);
            context.Record("idle server RSS", "MiB", end.RssBytes / 1024.0 / 1024.0);
            context.Record("idle server CPU (pings only)", "% core", 100 * ProcessSample.CoresUsed(start, end));
            context.Record("idle pings answered per client", "pings", clients.Average(c => c.PingsAnswered));
        }
        finally
        {
            await WorkloadContext.DisposeAllAsync(clients);
        }
    }
}
