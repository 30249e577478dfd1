using NUnit.Framework;
using Toki.Server.Storage.Mongo;

namespace Toki.Server.Tests.Storage.Mongo;

/// <summary>Connection strings are parsed by libmongoc; its verdict and message reach the caller unchanged.</summary>
internal sealed class MongoUriTests
{
    private const string AppName = "toki-tests";

    private static IEnumerable<TestCaseData> InvalidUris()
    {
        TestCaseData Case(string name, string uri, string message) => new TestCaseData(uri, message).SetArgDisplayNames(name);

        yield return Case("Empty", string.Empty, "Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://'");
        yield return Case("WrongScheme", "http://localhost", "Invalid URI Schema, expecting 'mongodb://' or 'mongodb+srv://'");
        yield return Case("NoHost", "mongodb://", "Invalid host string in URI");
        yield return Case("PortOutOfRange", "mongodb://localhost:99999", "Invalid host string in URI");
        yield return Case("UnclosedIpv6", "mongodb://[::1/", "Invalid host string in URI");
        yield return Case("BadBoolean", "mongodb://localhost/?journal=nope", "Unsupported value for \"journal\": \"nope\"");
        yield return Case(
            "BadInteger", "mongodb://localhost/?serverSelectionTimeoutMS=abc", "Unsupported value for \"serverselectiontimeoutms\": \"abc\"");
        yield return Case("SrvWithTwoHosts", "mongodb+srv://a,b", "Invalid service name in URI");
        yield return Case(
            "ConflictingTls", "mongodb://localhost/?tls=true&ssl=false", "Deprecated option 'ssl=false' conflicts with canonical name 'tls=true'");
        yield return Case("InvalidUtf8Escape", "mongodb://localhost/?appname=%zz", "Value for URI option \"appname\" contains invalid UTF-8");
        yield return Case(
            "X509WrongAuthSource", "mongodb://user@localhost/?authMechanism=MONGODB-X509&authSource=admin",
            "GSSAPI and X509 require \"$external\" authSource");
    }

    [TestCaseSource(nameof(InvalidUris))]
    public void An_invalid_uri_throws_the_typed_exception_with_libmongocs_message(string uri, string message)
    {
        var exception = Assert.Throws<MongoInvalidUriException>(() => MongoConnection.Open(new MongoConnectionSettings(uri, AppName)));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Is.EqualTo(message));
            Assert.That(exception.Domain, Is.EqualTo(MongoErrorDomain.Command));
            Assert.That(exception.Code, Is.EqualTo(MongoErrorCodes.CommandInvalidArg));
            Assert.That(exception, Is.InstanceOf<MongoPermanentException>());
        });
    }

    private static IEnumerable<TestCaseData> EffectiveSettings()
    {
        TestCaseData Case(string name, string uri, int w, bool retryWrites, string appName) =>
            new TestCaseData(uri, w, retryWrites, appName).SetArgDisplayNames(name);

        yield return Case("DefaultsAreMajorityAndRetryableWrites", "mongodb://127.0.0.1:1/", -3, true, AppName);
        yield return Case("UriWriteConcernAndRetryWin", "mongodb://127.0.0.1:1/?w=1&retryWrites=false", 1, false, AppName);
        yield return Case("UriMajorityKept", "mongodb://127.0.0.1:1/?w=majority&retryWrites=true", -3, true, AppName);
        yield return Case("JournalAloneStillGetsMajority", "mongodb://127.0.0.1:1/?journal=true&wtimeoutMS=500", -3, true, AppName);
        yield return Case("UriAppNameWins", "mongodb://127.0.0.1:1/?appname=from-uri", -3, true, "from-uri");
    }

    [TestCaseSource(nameof(EffectiveSettings))]
    public void Write_concern_retryable_writes_and_app_name_are_explicit(string uri, int w, bool retryWrites, string appName)
    {
        using var connection = MongoConnection.Open(new MongoConnectionSettings(uri, AppName));

        Assert.Multiple(() =>
        {
            Assert.That(connection.WriteConcernW, Is.EqualTo(w));
            Assert.That(connection.IsWriteConcernMajority, Is.EqualTo(w == -3));
            Assert.That(connection.RetryWrites, Is.EqualTo(retryWrites));
            Assert.That(connection.AppName, Is.EqualTo(appName));
        });
    }

    [TestCase("mongodb://127.0.0.1:1/toki?replicaSet=rs0", "toki")]
    [TestCase("mongodb://user:pw@127.0.0.1:1,127.0.0.1:2/calls_db", "calls_db")]
    [TestCase("mongodb://127.0.0.1:1/my%2Ddb", "my-db")]
    [TestCase("mongodb://127.0.0.1:1/?replicaSet=rs0", null)]
    [TestCase("mongodb://127.0.0.1:1", null)]
    public void The_database_in_the_uri_path_is_exposed(string uri, string? database)
    {
        using var connection = MongoConnection.Open(new MongoConnectionSettings(uri, AppName));

        Assert.That(connection.UriDatabase, Is.EqualTo(database));
    }

    [Test]
    public void An_app_name_longer_than_libmongoc_accepts_is_rejected() =>
        Assert.That(
            () => MongoConnection.Open(new MongoConnectionSettings("mongodb://127.0.0.1:1/", new string('a', 129))),
            Throws.ArgumentException.With.Message.Contains("128 bytes"));
}
