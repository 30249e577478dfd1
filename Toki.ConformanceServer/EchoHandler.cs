using Toki.EngineIO;
using Toki.EngineIO.Protocol;

namespace Toki.ConformanceServer;

/// <summary>The raw Engine.IO endpoint the engine.io-protocol suite expects: every message comes back unchanged.</summary>
internal sealed class EchoHandler : IEngineIOHandler
{
    public IEngineIOSessionHandler OnOpen(EngineIOSession session) => new EchoSession(session);

    private sealed class EchoSession(EngineIOSession session) : IEngineIOSessionHandler
    {
        public void OnMessage(ReadOnlySpan<byte> utf8) => session.Send(EngineFrame.Message(utf8));

        public void OnBinaryMessage(ReadOnlySpan<byte> data) => session.Send(EngineFrame.Binary(data.ToArray()));

        public void OnClose(EngineCloseReason reason, string? description)
        {
        }
    }
}
