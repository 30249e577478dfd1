namespace Toki.Server.Http;

/// <summary>The admin API (configuration section <c>Admin</c>); it exists only when <see cref="ApiKey"/> is set.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? ApiKey { get; set; }
}
