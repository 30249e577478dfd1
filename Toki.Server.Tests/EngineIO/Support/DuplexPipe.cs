using System.IO.Pipelines;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>A connection's two pipes, for a WebSocket endpoint built over in-memory pipes.</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
