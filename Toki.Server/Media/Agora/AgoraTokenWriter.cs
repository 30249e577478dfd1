using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Toki.Server.Media.Agora;

/// <summary>Little-endian writer for AccessToken2 fields; strings carry a uint16 byte-length prefix.</summary>
internal sealed class AgoraTokenWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public AgoraTokenWriter WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(sizeof(ushort)), value);
        _buffer.Advance(sizeof(ushort));
        return this;
    }

    public AgoraTokenWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(sizeof(uint)), value);
        _buffer.Advance(sizeof(uint));
        return this;
    }

    public AgoraTokenWriter WriteBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"A token field is limited to {ushort.MaxValue} bytes.", nameof(value));
        }
        WriteUInt16((ushort)value.Length);
        _buffer.Write(value);
        return this;
    }

    public AgoraTokenWriter WriteString(string value) => WriteBytes(Encoding.UTF8.GetBytes(value));

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;
}
