namespace Toki.EngineIO.Connections;

/// <summary>What the first bytes of a connection are, as far as the Engine.IO connection middleware is concerned.</summary>
internal enum UpgradeHeadStatus
{
    /// <summary>Too few bytes to tell yet.</summary>
    NeedMore,

    /// <summary>Anything else: the bytes go to Kestrel's HTTP layer untouched.</summary>
    NotOurs,

    /// <summary>A complete, well-formed WebSocket upgrade request for a mapped Engine.IO path.</summary>
    Ours,
}
