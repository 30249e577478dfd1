namespace Toki.Server.Gateway;

/// <summary>What a received value is, as far as binary attachments go (see <see cref="BinaryPlaceholderReader"/>).</summary>
internal enum BinaryPlaceholderKind
{
    /// <summary>Plain JSON.</summary>
    NotBinary,

    /// <summary>A placeholder for one of the packet's attachments.</summary>
    Binary,

    /// <summary>A placeholder that names no attachment of the packet.</summary>
    Invalid,
}
