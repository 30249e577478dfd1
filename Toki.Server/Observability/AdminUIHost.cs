using System.Text.Json;
using Microsoft.Extensions.Options;
using Toki.Server.Gateway;
using Toki.Server.Wire;
using Toki.SocketIO;
using Toki.SocketIO.Admin;

namespace Toki.Server.Observability;

/// <summary>Instruments the Socket.IO server for the Admin UI at startup when it is enabled; sockets show their user id as data.</summary>
internal sealed partial class AdminUIHost(SocketIOServer io, IOptions<AdminUIOptions> options, TimeProvider time, ILoggerFactory loggerFactory,
    ILogger<AdminUIHost> logger) : IHostedService, IDisposable
{
    private SocketIOAdmin? _admin;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }
        _admin = SocketIOAdmin.Instrument(io, new SocketIOAdminOptions
        {
            Namespace = settings.Namespace,
            Username = settings.Username,
            PasswordHash = settings.PasswordHash,
            ReadOnly = settings.ReadOnly,
            Mode = settings.Mode,
            ServerId = settings.ServerId,
            StatsInterval = settings.StatsInterval,
            DescribeData = DescribeSocket,
        }, time, loggerFactory);
        Log.Enabled(logger, settings.Namespace, settings.Mode, settings.ReadOnly);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A call socket's data as the UI shows it, written by the wire's serializer like every other Toki payload; a socket on
    /// another server of the cluster arrives as the same JSON.
    /// </summary>
    internal static object? DescribeSocket(object? data) => CallSocketSession.UserIdOf(data) is { } userId
        ? JsonSerializer.SerializeToElement(new AdminPayloads.AdminUISocketData(userId), WireJson.Context.AdminUISocketData)
        : null;

    public void Dispose() => _admin?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(502, LogLevel.Information, "Socket.IO Admin UI enabled on namespace {Namespace} ({Mode} mode, read-only {ReadOnly}).", EventName = "AdminUIEnabled")]
        public static partial void Enabled(ILogger logger, string @namespace, string mode, bool readOnly);
    }
}
