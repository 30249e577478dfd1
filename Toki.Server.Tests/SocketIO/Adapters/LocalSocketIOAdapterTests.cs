using NUnit.Framework;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Adapters;

/// <summary>The adapter specification for the in-memory adapter, on one server.</summary>
[TestFixture]
[Category(TestCategories.Functional)]
public sealed class LocalSocketIOAdapterTests : SocketIOAdapterSpec
{
    protected override SocketIOAdapter CreateAdapter(SocketIONamespace @namespace, int node) => new LocalSocketIOAdapter(@namespace);
}
