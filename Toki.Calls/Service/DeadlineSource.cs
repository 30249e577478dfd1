namespace Toki.Calls.Service;

/// <summary>What made a server try a call's deadline.</summary>
internal enum DeadlineSource
{
    /// <summary>This server's own timer, armed when it last changed the call.</summary>
    Timer,

    /// <summary>The periodic sweep of the store for deadlines that have passed (those of a server that died, too).</summary>
    Sweep,
}
