using NUnit.Framework;

namespace Toki.Server.Tests.Cluster;

/// <summary>The mixed cluster in classic mode: Node N on @socket.io/redis-adapter 8.3.0 (pub/sub), no recovery.</summary>
[TestFixture]
[Category(TestCategories.Cluster)]
public sealed partial class ClassicClusterInteropTests : ClusterInteropTests
{
    // What a server's subscription missed is gone.
    protected override bool CatchesUpAfterBeingCutOff => false;

    protected override string Mode => "classic";
}
