using NUnit.Framework;
using Toki.Server.Storage.Mongo;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>
/// Round trips against a real server, run only when TOKI_TEST_MONGODB_URI names a MongoDB 5.0+ replica set
/// (transactions need one), e.g. <c>mongodb://localhost:27017/?replicaSet=rs0</c>. Each fixture uses its own
/// database and drops it afterwards.
/// </summary>
internal abstract class MongoServerTestBase
{
    private const string UriVariable = "TOKI_TEST_MONGODB_URI";

    protected MongoConnection Connection { get; private set; } = null!;

    protected string Database { get; private set; } = null!;

    [OneTimeSetUp]
    public void Connect()
    {
        var uri = Environment.GetEnvironmentVariable(UriVariable);
        if (string.IsNullOrWhiteSpace(uri))
        {
            var docker = File.Exists("/var/run/docker.sock")
                ? "a Docker engine socket exists, but these tests do not start containers"
                : "no Docker engine";
            Assert.Ignore(
                $"{UriVariable} not set and {docker}: set it to a MongoDB 5.0+ replica set URI "
                + "(e.g. mongodb://localhost:27017/?replicaSet=rs0) to run the server round trips.");
        }

        Connection = MongoConnection.Open(new MongoConnectionSettings(uri!, "toki-server-tests"));
        Database = $"toki_test_{Guid.NewGuid():N}";
    }

    [OneTimeTearDown]
    public void DropDatabase()
    {
        if (Connection is null)
        {
            return;
        }

        Connection.RunWriteCommand(Database, TestBson.Doc(b => b.Add("dropDatabase", 1)));
        Connection.Dispose();
    }

    protected MongoCollection Collection() => Connection.GetCollection(Database, $"c_{Guid.NewGuid():N}");
}
