using NUnit.Framework;
using Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// Removes the MongoDB container once every test of the run is done, if one was started. Outside any namespace, so that
/// it wraps the whole assembly: the storage tests and the end-to-end scenarios share the container.
/// </summary>
[SetUpFixture]
#pragma warning disable CA1050 // An NUnit setup fixture for the whole assembly must be outside every namespace.
internal sealed class MongoTestServerTeardown
#pragma warning restore CA1050
{
    [OneTimeTearDown]
    public Task StopContainer() => MongoTestServer.StopAsync();
}
