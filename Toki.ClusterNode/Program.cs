using System.Globalization;
using Toki.ClusterNode;
using Toki.EngineIO;
using Toki.SocketIO;
using Toki.SocketIO.Redis;

// A Toki server in a Redis cluster: the environment names its port, Redis, the mode and its name, as for
// cluster-node.mjs (PORT, REDIS_URL as host:port or redis://host:port, MODE=streams|classic, NODE_NAME, RECOVERY_MS).
var settings = ClusterNodeSettings.FromEnvironment();
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var webSocketConnections = new EngineIOConnectionRoutes();
builder.WebHost.UseEngineIOConnections(webSocketConnections);
var app = builder.Build();
var loggers = app.Services.GetRequiredService<ILoggerFactory>();

var cluster = await RedisCluster.ConnectAsync(new RedisClusterOptions { Configuration = settings.Redis, Mode = settings.Mode }, loggers, TimeProvider.System);
var io = new SocketIOServer(new SocketIOServerOptions
{
    // The io cookie on, as cluster-node.mjs has it (cookie: true), for the load balancer's sticky sessions.
    Engine = new EngineIOOptions { PingInterval = TimeSpan.FromSeconds(2), PingTimeout = TimeSpan.FromSeconds(2), Cookie = new EngineIOCookieOptions() },
    ConnectionStateRecovery = settings.Mode == RedisClusterMode.Streams
        ? new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = settings.Recovery }
        : null,
    AdapterFactory = cluster.CreateAdapter,
}, TimeProvider.System, loggers);
ClusterProbe.Configure(io, settings.Name);
app.MapGet("/healthz", () => Results.Json(new { status = "ok", node = settings.Name, redis = cluster.IsConnected }));
app.MapSocketIO(io);
webSocketConnections.Add("/socket.io/", io.Engine);
app.Lifetime.ApplicationStopping.Register(() => io.DisposeAsync().AsTask().GetAwaiter().GetResult());
await app.RunAsync(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.Port}"));
await cluster.DisposeAsync();
