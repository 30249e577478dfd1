using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// libbson 1.23 <c>bson_error_t</c>: <c>uint32_t domain; uint32_t code; char message[504];</c>, 512 bytes
/// (<c>BSON_ERROR_BUFFER_SIZE</c> and the static assert in bson-types.h). Only ever written by native code.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = Size)]
internal unsafe struct BsonError
{
    public const int Size = 512;
    public const int MessageCapacity = 504;

    public uint Domain;
    public uint Code;
    public fixed byte Message[MessageCapacity];

    public readonly string MessageText
    {
        get
        {
            fixed (byte* message = Message)
            {
                var text = new ReadOnlySpan<byte>(message, MessageCapacity);
                var end = text.IndexOf((byte)0);
                return System.Text.Encoding.UTF8.GetString(end >= 0 ? text[..end] : text);
            }
        }
    }
}
