namespace Toki.Server.Storage;

/// <summary>The development seed, bound from <c>Storage</c>: <c>Storage:SeedFile</c>.</summary>
internal sealed class UserSeedOptions
{
    public const string SectionName = "Storage";

    /// <summary>A JSON file of users to add at startup (relative to the content root); none when unset.</summary>
    public string? SeedFile { get; set; }
}
