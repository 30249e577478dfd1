namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// When a commit of the embedded store counts as written (<c>Storage:Sqlite:Durability</c>), as SQLite's
/// <c>synchronous</c> setting in WAL mode.
/// </summary>
internal enum SqliteDurability
{
    /// <summary>
    /// <c>synchronous = FULL</c>: the WAL is synced to disk before a write is answered, so an acknowledged
    /// transition survives a crash of the process and a loss of power or of the machine.
    /// </summary>
    Full,

    /// <summary>
    /// <c>synchronous = NORMAL</c>: a write is answered once it is in the WAL file (the operating system's cache);
    /// the WAL is synced only at checkpoints. An acknowledged transition survives a crash or <c>kill -9</c> of the
    /// process; a power loss or kernel crash can lose the last acknowledged transitions, whole (each transition is
    /// still atomic: never half a transition, never a charge without its call).
    /// </summary>
    Normal,
}
