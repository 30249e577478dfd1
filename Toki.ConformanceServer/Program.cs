using Toki.ConformanceServer;
using Toki.EngineIO;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

EngineIOOptions ConformanceOptions() => new()
{
    PingInterval = TimeSpan.FromMilliseconds(300),
    PingTimeout = TimeSpan.FromMilliseconds(200),
    MaxPayload = 1_000_000,
    AllowedOrigins = ["*"],
};

var loggers = app.Services.GetRequiredService<ILoggerFactory>();
var echo = new EngineIOServer(ConformanceOptions(), new EchoHandler(), TimeProvider.System, loggers);
app.MapEngineIO("/engine.io/", echo);
app.Run();
