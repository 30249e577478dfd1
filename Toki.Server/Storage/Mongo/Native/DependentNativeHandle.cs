using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// An owned native object that must be released before the object it was obtained from (a collection or session
/// before its client, a client before its pool). It holds a reference on the parent handle for its whole life, so the
/// parent's release is deferred until every dependent is released, whatever order Dispose or finalization runs in.
/// </summary>
internal abstract class DependentNativeHandle : NativeHandle
{
    private SafeHandle? parent;

    protected nint ParentPointer => parent!.DangerousGetHandle();

    /// <summary>
    /// References <paramref name="owner"/>, then creates the native object; returns false (holding nothing) when the
    /// native call returned NULL. Referencing first means a parent disposed concurrently fails cleanly before anything
    /// native is created.
    /// </summary>
    protected bool TryOwn(SafeHandle owner, Func<nint> create)
    {
        var added = false;
        owner.DangerousAddRef(ref added);
        nint pointer;
        try
        {
            pointer = create();
        }
        catch
        {
            owner.DangerousRelease();
            throw;
        }

        if (pointer == IntPtr.Zero)
        {
            owner.DangerousRelease();
            return false;
        }

        parent = owner;
        SetHandle(pointer);
        return true;
    }

    protected sealed override bool ReleaseHandle()
    {
        try
        {
            ReleaseNative();
        }
        finally
        {
            parent?.DangerousRelease();
        }

        return true;
    }

    protected abstract void ReleaseNative();
}
