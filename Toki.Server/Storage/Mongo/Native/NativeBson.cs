using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>Moves documents across the boundary: managed bytes into a new <c>bson_t</c>, and <c>bson_t</c> bytes back out.</summary>
internal static unsafe class NativeBson
{
    public static BsonHandle FromDocument(BsonDocument document)
    {
        MongocRuntime.EnsureInitialized();
        var bytes = document.Bytes.Span;
        fixed (byte* data = bytes)
        {
            var bson = LibBson.NewFromData(data, (nuint)bytes.Length);
            if (bson == IntPtr.Zero)
            {
                throw new BsonFormatException("libbson rejected the document bytes (bson_new_from_data returned NULL).");
            }

            return BsonHandle.Own(bson);
        }
    }

    public static BsonHandle FromArray(BsonArray array) => FromDocument(array.Document);

    /// <summary>Copies the document a <c>bson_t *</c> points to, reading its length from the data's int32 prefix.</summary>
    public static BsonDocument ToDocument(nint bson)
    {
        var data = LibBson.GetData(bson);
        var length = BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(data, 4));
        return BsonDocument.FromOwnedBytes(new ReadOnlySpan<byte>(data, length).ToArray());
    }

    public static BsonDocument ToDocument(SafeHandle bson)
    {
        var added = false;
        bson.DangerousAddRef(ref added);
        try
        {
            return ToDocument(bson.DangerousGetHandle());
        }
        finally
        {
            bson.DangerousRelease();
        }
    }

    /// <summary>Parses MongoDB Extended JSON with libbson.</summary>
    public static BsonHandle FromExtendedJson(string json)
    {
        MongocRuntime.EnsureInitialized();
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        var error = default(BsonError);
        fixed (byte* data = utf8)
        {
            var bson = LibBson.NewFromJson(data, utf8.Length, ref error);
            if (bson == IntPtr.Zero)
            {
                throw new BsonFormatException($"libbson could not parse the extended JSON: {error.MessageText}");
            }

            return BsonHandle.Own(bson);
        }
    }

    public static string ToCanonicalExtendedJson(BsonDocument document)
    {
        using var bson = FromDocument(document);
        return TakeString(LibBson.AsCanonicalExtendedJson(bson.DangerousGetHandle(), null));
    }

    public static string ToRelaxedExtendedJson(BsonDocument document)
    {
        using var bson = FromDocument(document);
        return TakeString(LibBson.AsRelaxedExtendedJson(bson.DangerousGetHandle(), null));
    }

    private static string TakeString(byte* json)
    {
        if (json == null)
        {
            throw new BsonFormatException("libbson could not render the document as extended JSON.");
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)json)!;
        }
        finally
        {
            LibBson.Free(json);
        }
    }
}
