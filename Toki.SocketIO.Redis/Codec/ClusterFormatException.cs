namespace Toki.SocketIO.Redis.Codec;

/// <summary>A message from Redis that is not in the format the adapters write; it is dropped (and logged).</summary>
internal sealed class ClusterFormatException(string message, Exception? inner = null) : Exception(message, inner);
