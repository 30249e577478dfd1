using Toki.Calls.Ports;

namespace Toki.Server.Tests.Storage;

/// <summary>One store under test with data of its own; disposing it closes the store and removes the data.</summary>
internal abstract class CallStoreHarness : IAsyncDisposable
{
    public abstract ICallStore Store { get; }

    /// <summary>Closes the current store the way a stopping server does and opens a new one over the same data.</summary>
    public abstract Task<ICallStore> RestartAsync();

    public abstract ValueTask DisposeAsync();
}
