using NUnit.Framework;

namespace Toki.Server.Tests.Storage.Mongo.Store;

/// <summary>Removes the MongoDB container once every test of this namespace has run, if one was started.</summary>
[SetUpFixture]
internal sealed class MongoTestServerTeardown
{
    [OneTimeTearDown]
    public Task StopContainer() => MongoTestServer.StopAsync();
}
