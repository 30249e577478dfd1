using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>libbson 1.23 entry points (bson.h, bson-memory.h, bson-version-functions.h).</summary>
internal static unsafe partial class LibBson
{
    public const string Soname = "libbson-1.0.so.0";

    /// <summary><c>sizeof (bson_t)</c>, 128-byte aligned (bson-types.h).</summary>
    public const int BsonTSize = 128;

    [LibraryImport(Soname, EntryPoint = "bson_get_major_version")]
    public static partial int GetMajorVersion();

    [LibraryImport(Soname, EntryPoint = "bson_get_minor_version")]
    public static partial int GetMinorVersion();

    /// <summary>Heap-allocates a new, appendable <c>bson_t</c> holding a copy of the bytes; NULL if they are not a document.</summary>
    [LibraryImport(Soname, EntryPoint = "bson_new_from_data")]
    public static partial nint NewFromData(byte* data, nuint length);

    [LibraryImport(Soname, EntryPoint = "bson_new_from_json")]
    public static partial nint NewFromJson(byte* data, nint length, ref BsonError error);

    /// <summary>Initializes caller-provided (128-byte, 128-aligned) storage as an empty document.</summary>
    [LibraryImport(Soname, EntryPoint = "bson_init")]
    public static partial void Init(nint bson);

    [LibraryImport(Soname, EntryPoint = "bson_destroy")]
    public static partial void Destroy(nint bson);

    /// <summary>The document bytes, starting with their int32 length prefix; borrowed from the <c>bson_t</c>.</summary>
    [LibraryImport(Soname, EntryPoint = "bson_get_data")]
    public static partial byte* GetData(nint bson);

    [LibraryImport(Soname, EntryPoint = "bson_as_canonical_extended_json")]
    public static partial byte* AsCanonicalExtendedJson(nint bson, nuint* length);

    [LibraryImport(Soname, EntryPoint = "bson_as_relaxed_extended_json")]
    public static partial byte* AsRelaxedExtendedJson(nint bson, nuint* length);

    [LibraryImport(Soname, EntryPoint = "bson_free")]
    public static partial void Free(void* memory);
}
