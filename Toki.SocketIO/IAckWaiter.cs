namespace Toki.SocketIO;

/// <summary>Something waiting for a client's acknowledgement: one emit, or a broadcast collecting many.</summary>
internal interface IAckWaiter
{
    /// <summary>Takes the client's answer; false when the waiter no longer wants it (the caller then disposes it).</summary>
    bool Complete(SocketIOArgs args);

    /// <summary>The socket went away before answering.</summary>
    void Fail(string reason);
}
