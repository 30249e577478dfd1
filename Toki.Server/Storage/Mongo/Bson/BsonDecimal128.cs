namespace Toki.Server.Storage.Mongo.Bson;

/// <summary>
/// A BSON decimal128 kept as its raw IEEE 754-2008 BID bits (low and high 64-bit halves, as stored little-endian).
/// No conversion to <see cref="decimal"/> is offered: the ranges differ and any conversion could be lossy.
/// </summary>
internal readonly record struct BsonDecimal128(ulong Low, ulong High)
{
    public const int Size = 16;
}
