using MongoDB.Driver;
using NUnit.Framework;
using Toki.Server.Storage.Mongo;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>The driver settings the store runs with: the URI's, completed with majority writes that time out, retryable.</summary>
[Category(TestCategories.Unit)]
internal sealed class MongoClientSettingsFactoryTests
{
    private static (MongoClientSettings Settings, string Database) Create(string uri) =>
        MongoClientSettingsFactory.Create(new MongoStoreOptions { Uri = uri }, loggerFactory: null);

    [Test]
    public void By_default_writes_wait_for_a_majority_for_at_most_ten_seconds_and_are_retried()
    {
        var (settings, database) = Create("mongodb://db1:27017,db2:27018/?replicaSet=rs0");

        Assert.Multiple(() =>
        {
            Assert.That(settings.WriteConcern, Is.EqualTo(new WriteConcern("majority", wTimeout: TimeSpan.FromSeconds(10))));
            Assert.That(settings.RetryWrites, Is.True);
            Assert.That(settings.ApplicationName, Is.EqualTo("toki-server"));
            Assert.That(settings.ReplicaSetName, Is.EqualTo("rs0"));
            Assert.That(settings.Servers.Select(s => s.ToString()), Is.EqualTo(new[] { "db1:27017", "db2:27018" }));
            Assert.That(settings.ServerSelectionTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(database, Is.EqualTo("toki"));
        });
    }

    [Test]
    public void What_the_uri_says_wins()
    {
        var (settings, database) = Create("mongodb://db1/calls?w=1&wtimeoutMS=500&retryWrites=false&appName=billing&serverSelectionTimeoutMS=2000");

        Assert.Multiple(() =>
        {
            Assert.That(settings.WriteConcern, Is.EqualTo(new WriteConcern(1, wTimeout: TimeSpan.FromMilliseconds(500))));
            Assert.That(settings.RetryWrites, Is.False);
            Assert.That(settings.ApplicationName, Is.EqualTo("billing"));
            Assert.That(settings.ServerSelectionTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(database, Is.EqualTo("calls"));
        });
    }

    [Test]
    public void The_configured_write_concern_timeout_applies_when_the_uri_sets_none()
    {
        var (settings, _) = MongoClientSettingsFactory.Create(
            new MongoStoreOptions { Uri = "mongodb://db1/?w=majority", WriteConcernTimeout = TimeSpan.FromSeconds(3) }, loggerFactory: null);

        Assert.That(settings.WriteConcern, Is.EqualTo(new WriteConcern("majority", wTimeout: TimeSpan.FromSeconds(3))));
    }

    [TestCase("mongo://admin:s3cret@db/toki", "The connection string 'mongo://<hidden>@db/toki' is not valid.")]
    [TestCase("mongodb://db/toki?serverSelectionTimeoutMS=soon", "serverSelectionTimeoutMS has an invalid TimeSpan value of soon.")]
    public void An_invalid_uri_is_refused_with_the_driver_s_reason_and_no_password(string uri, string reason)
    {
        Assert.That(() => Create(uri), Throws.InvalidOperationException.With.Message.EqualTo(
            $"Storage:MongoDB:Uri is not a valid MongoDB connection string: {reason}"));
    }
}
