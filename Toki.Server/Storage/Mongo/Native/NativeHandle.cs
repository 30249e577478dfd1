using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>An owned native pointer; NULL is invalid and is never released.</summary>
internal abstract class NativeHandle : SafeHandle
{
    protected NativeHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes ownership of <paramref name="pointer"/>, or throws if the native call that produced it returned NULL.</summary>
    protected void Own(nint pointer, string what)
    {
        if (pointer == IntPtr.Zero)
        {
            throw new InvalidOperationException($"libmongoc returned NULL for {what}.");
        }

        SetHandle(pointer);
    }
}
