using NUnit.Framework;
using Toki.Calls.Ports;
using Toki.Server.Tests.Calls.Fakes;

namespace Toki.Server.Tests.Storage.InMemory;

/// <summary>The storage contract on the call service tests' in-memory store, so that those tests stand on a faithful fake.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class InMemoryCallStoreContractTests : CallStoreContract
{
    [SetUp]
    public void SkipWhatOnlyRealStoresDo()
    {
        if (TestContext.CurrentContext.Test.MethodName == nameof(Times_are_kept_to_the_millisecond_whatever_their_offset))
        {
            Assert.Ignore("The in-memory fake keeps times to the tick: storing whole milliseconds is a trait of the real stores.");
        }
    }

    protected override Task<CallStoreHarness> CreateStoreAsync() => Task.FromResult<CallStoreHarness>(new Harness());

    private sealed class Harness : CallStoreHarness
    {
        private readonly InMemoryCallStore _store = new();

        public override ICallStore Store => _store;

        // The data lives as long as the object: a restart finds it as it was.
        public override Task<ICallStore> RestartAsync() => Task.FromResult<ICallStore>(_store);

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
