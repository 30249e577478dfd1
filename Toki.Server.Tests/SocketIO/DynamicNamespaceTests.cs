using System.Text.RegularExpressions;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;
using Toki.Server.Tests.SocketIO.Support;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO;

/// <summary>Namespaces created on first use when their name matches a pattern; other names stay refused.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
public sealed partial class DynamicNamespaceTests
{
    [GeneratedRegex("^/room-[0-9]+$")]
    private static partial Regex RoomNamespace();

    [Test]
    public async Task A_matching_namespace_is_created_and_configured_once_other_names_are_refused()
    {
        var configured = new List<string>();
        await using var host = await SocketIOTestHost.StartAsync(handlers: server => server.AddDynamicNamespaces(RoomNamespace(), @namespace =>
        {
            lock (configured)
            {
                configured.Add(@namespace.Name);
            }
            @namespace.OnConnection(socket =>
            {
                socket.Emit("welcome", socket.Namespace.Name);
                return ValueTask.CompletedTask;
            });
        }));
        await using var client = await RawSocketIOClient.ConnectAsync(host.BaseUrl);

        await client.SendAsync("40/room-42,");
        Assert.That(await client.ReceiveAsync().DefaultTimeout(), Does.StartWith("40/room-42,{\"sid\":"));
        Assert.That(await client.ReceiveAsync().DefaultTimeout(), Is.EqualTo("42/room-42,[\"welcome\",\"/room-42\"]"));

        await client.SendAsync("41/room-42,");
        await client.SendAsync("40/room-42,");
        Assert.That(await client.ReceiveAsync().DefaultTimeout(), Does.StartWith("40/room-42,{\"sid\":"));
        Assert.That(await client.ReceiveAsync().DefaultTimeout(), Is.EqualTo("42/room-42,[\"welcome\",\"/room-42\"]"));

        await client.SendAsync("40/room-abc,");
        Assert.That(await client.ReceiveAsync().DefaultTimeout(), Is.EqualTo("44/room-abc,{\"message\":\"Invalid namespace\"}"));
        Assert.That(configured, Is.EqualTo(new[] { "/room-42" }), "configured once, when first used");
    }
}
