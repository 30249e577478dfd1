using NUnit.Framework;

namespace Toki.Server.Tests.Cluster;

/// <summary>The mixed cluster in streams mode: Node N on @socket.io/redis-streams-adapter 0.3.1, recovery on everywhere.</summary>
[TestFixture]
public sealed partial class StreamsClusterInteropTests : ClusterInteropTests
{
    protected override string Mode => "streams";
}
