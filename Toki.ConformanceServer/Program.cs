using Toki.ConformanceServer;
using Toki.EngineIO;
using Toki.SocketIO;

// The host the official engine.io-protocol and socket.io-protocol suites run against
// (see ../shared/conformance/SERVER-REQUIREMENTS.md): a raw Engine.IO echo at /engine.io/ and Socket.IO at
// /socket.io/ with 300/200 ms heartbeat, the /custom namespace and the suites' handlers.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
var loggers = app.Services.GetRequiredService<ILoggerFactory>();

var echo = new EngineIOServer(ConformanceSettings.Engine(), new EchoHandler(), TimeProvider.System, loggers);
app.MapEngineIO("/engine.io/", echo);

var io = new SocketIOServer(new SocketIOServerOptions
{
    Engine = ConformanceSettings.Engine(),
    ConnectTimeout = TimeSpan.FromSeconds(1),
}, TimeProvider.System, loggers);
ConformanceSettings.ConfigureHandlers(io);
app.MapSocketIO(io);

app.Run();
