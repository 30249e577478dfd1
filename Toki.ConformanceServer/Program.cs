using Toki.ConformanceServer;
using Toki.EngineIO;
using Toki.SocketIO;

// The host the official engine.io-protocol and socket.io-protocol suites run against
// (tools/conformance/run.sh runs them; its README says what they expect): a raw Engine.IO echo at /engine.io/ and Socket.IO at
// /socket.io/ with 300/200 ms heartbeat, the /custom namespace and the suites' handlers.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// WebSockets are served below Kestrel's HTTP layer, as in Toki.Server; polling goes through the mapped endpoints.
var webSocketConnections = new EngineIOConnectionRoutes();
builder.WebHost.UseEngineIOConnections(webSocketConnections);
var app = builder.Build();
var loggers = app.Services.GetRequiredService<ILoggerFactory>();

var echo = new EngineIOServer(ConformanceSettings.Engine(), new EchoHandler(), TimeProvider.System, loggers);
app.MapEngineIO("/engine.io/", echo);
webSocketConnections.Add("/engine.io/", echo);

var io = new SocketIOServer(new SocketIOServerOptions
{
    Engine = ConformanceSettings.Engine(),
    ConnectTimeout = TimeSpan.FromSeconds(1),
}, TimeProvider.System, loggers);
ConformanceSettings.ConfigureHandlers(io);
app.MapSocketIO(io);
webSocketConnections.Add("/socket.io/", io.Engine);

app.Run();
