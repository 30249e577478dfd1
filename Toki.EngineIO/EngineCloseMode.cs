namespace Toki.EngineIO;

internal enum EngineCloseMode
{
    /// <summary>Deliver what is queued, then the close packet (a polling session lingers for one more GET).</summary>
    Flush,

    /// <summary>Drop what is queued; a pending GET gets the close packet.</summary>
    Discard,

    /// <summary>The client asked to close: drop what is queued; a pending GET gets a noop.</summary>
    ClientClosed,
}
