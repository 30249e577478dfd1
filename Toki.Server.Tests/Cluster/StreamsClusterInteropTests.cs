using NUnit.Framework;

namespace Toki.Server.Tests.Cluster;

/// <summary>The mixed cluster in streams mode: Node N on @socket.io/redis-streams-adapter 0.3.1, recovery on everywhere.</summary>
[TestFixture]
[Category(TestCategories.Cluster)]
public sealed partial class StreamsClusterInteropTests : ClusterInteropTests
{
    // A server reads the stream on from its last entry id after a break.
    protected override bool CatchesUpAfterBeingCutOff => true;

    protected override string Mode => "streams";
}
