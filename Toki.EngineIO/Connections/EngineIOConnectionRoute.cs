using System.Text;

namespace Toki.EngineIO.Connections;

/// <summary>One Engine.IO server and the path it is mapped at ("/socket.io", no trailing slash).</summary>
internal sealed class EngineIOConnectionRoute
{
    public EngineIOConnectionRoute(string path, EngineIOServer server)
    {
        Path = path;
        Server = server;
        RequestPrefix = Encoding.ASCII.GetBytes("GET " + path);
    }

    public string Path { get; }

    public EngineIOServer Server { get; }

    /// <summary>How a request line for this route begins: "GET /socket.io".</summary>
    public byte[] RequestPrefix { get; }
}
