using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// Storage for a <c>bson_t</c> out-parameter (libmongoc's "uninitialized reply"): 128 bytes, 128-byte aligned, like a
/// stack <c>bson_t</c> in C. It is initialized empty up front so that destroying it is always valid, even if a call
/// failed before touching it; release destroys the document, then frees the storage.
/// </summary>
internal sealed unsafe class BsonReplyHandle : NativeHandle
{
    private BsonReplyHandle()
    {
        var storage = NativeMemory.AlignedAlloc(LibBson.BsonTSize, LibBson.BsonTSize);
        NativeMemory.Clear(storage, LibBson.BsonTSize);
        LibBson.Init((nint)storage);
        SetHandle((nint)storage);
    }

    public static BsonReplyHandle Create() => new();

    protected override bool ReleaseHandle()
    {
        LibBson.Destroy(handle);
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
