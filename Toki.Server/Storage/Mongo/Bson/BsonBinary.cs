namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// BSON binary data. For the deprecated subtype 0x02 ("old binary") <see cref="Data"/> is the payload without its
/// inner length prefix, as libbson's <c>bson_iter_binary</c> reports it.
/// </summary>
internal sealed class BsonBinary
{
    public const byte GenericSubtype = 0x00;
    public const byte OldBinarySubtype = 0x02;
    public const byte UuidSubtype = 0x04;

    public BsonBinary(byte subtype, ReadOnlyMemory<byte> data)
    {
        Subtype = subtype;
        Data = data;
    }

    public byte Subtype { get; }

    public ReadOnlyMemory<byte> Data { get; }
}
