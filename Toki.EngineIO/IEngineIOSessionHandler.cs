namespace Toki.EngineIO;

/// <summary>
/// Receives one session's traffic. Calls for one session never overlap. The spans are only valid during the
/// call: copy what must outlive it.
/// </summary>
public interface IEngineIOSessionHandler
{
    /// <summary>A message packet with text data (the UTF-8 bytes after the "4"; always valid UTF-8, whatever the transport).</summary>
    void OnMessage(ReadOnlySpan<byte> utf8);

    /// <summary>A message packet with binary data.</summary>
    void OnBinaryMessage(ReadOnlySpan<byte> data);

    /// <summary>The session closed; called exactly once, after which nothing more is delivered.</summary>
    void OnClose(EngineCloseReason reason, string? description);
}
