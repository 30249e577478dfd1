namespace Toki.EngineIO;

/// <summary>
/// The seam between Engine.IO and whatever runs on top of it. Called once per new session; the returned
/// per-session handler receives that session's messages and its close.
/// </summary>
public interface IEngineIOHandler
{
    IEngineIOSessionHandler OnOpen(EngineIOSession session);
}
