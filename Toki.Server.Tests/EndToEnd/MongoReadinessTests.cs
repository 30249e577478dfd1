using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Storage.Mongo.Store;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.Storage.Mongo;
using Toki.Server.Tests.Storage.Mongo.Store;

namespace Toki.Server.Tests.EndToEnd;

/// <summary>The whole server on the MongoDB store (a fake primary): ready while the server answers, not once it is gone.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class MongoReadinessTests
{
    [Test]
    public async Task Readyz_follows_the_mongodb_server()
    {
        var fake = new FakeMongoServer(FakeStoreReplies.Default);
        await using var server = await TokiTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:MongoDB:Uri"] = fake.Uri(),
            ["Storage:MongoDB:PingTimeout"] = "00:00:02",
        });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var whileUp = await http.GetAsync("/readyz");
        fake.Dispose();
        var afterwards = await http.GetAsync("/readyz");

        Assert.Multiple(async () =>
        {
            Assert.That(server.Store, Is.TypeOf<MongoCallStore>());
            Assert.That(whileUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(JsonDocument.Parse(await afterwards.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString(),
                Is.EqualTo("unavailable"));
        });
    }
}
