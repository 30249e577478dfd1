namespace Toki.SocketIO.Admin;

/// <summary>The UI's feature flags (sent in <c>config.supportedFeatures</c>), as Node's instrument() names them.</summary>
internal static class AdminFeature
{
    public const string Emit = "EMIT";
    public const string Join = "JOIN";
    public const string Leave = "LEAVE";
    public const string Disconnect = "DISCONNECT";
    public const string MultiJoin = "MJOIN";
    public const string MultiLeave = "MLEAVE";
    public const string MultiDisconnect = "MDISCONNECT";
    public const string AggregatedEvents = "AGGREGATED_EVENTS";
    public const string AllEvents = "ALL_EVENTS";

    public static string[] For(SocketIOAdminOptions options)
    {
        List<string> features = options.ReadOnly ? [] : [Emit, Join, Leave, Disconnect, MultiJoin, MultiLeave, MultiDisconnect];
        features.Add(AggregatedEvents);
        if (options.IsDevelopment)
        {
            features.Add(AllEvents);
        }
        return [.. features];
    }
}
