using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis.Transport;

/// <summary>
/// The classic binding (@socket.io/redis-adapter 8.3): broadcasts on <c>key#nsp#</c> (or <c>key#nsp#room#</c>),
/// requests on <c>key-request#nsp#</c>, answers on <c>key-response#nsp#</c>. Every message of a namespace is received
/// through one pattern subscription, so that they are handled in the order Redis delivered them (a join before the
/// broadcast that follows it); the request channel is also subscribed by name, because that is what Node members count.
/// </summary>
internal sealed class ClassicTransport(RedisCluster cluster) : ClusterTransport(cluster)
{
    private const string UidAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private string Key => Cluster.Options.ChannelPrefix;

    // uid2(6), as the classic adapter names itself.
    public override string NewUid() => RandomNumberGenerator.GetString(UidAlphabet, 6);

    public override async Task SubscribeAsync(RedisClusterAdapter adapter)
    {
        var name = adapter.Namespace.Name;
        var queue = await Cluster.Subscriber.SubscribeAsync(RedisChannel.Pattern($"{Key}*#{EscapeGlob(name)}#*"));
        adapter.AddSubscription(queue);
        queue.OnMessage(message => Receive(adapter, message.Channel.ToString(), (byte[])message.Message!));
        var counted = RedisChannel.Literal(RequestChannel(name));
        await Cluster.Subscriber.SubscribeAsync(counted, static (_, _) => { });
        adapter.AddHandlerChannel(counted);
    }

    public override async Task PublishAsync(ClusterMessage message, Action<string?>? onPublished)
    {
        // Local delivery does not wait for Redis: pub/sub gives no offset, and the Node adapter does not wait either.
        onPublished?.Invoke(null);
        var (channel, payload) = message.Type == ClusterMessageType.Broadcast && message.RequestId is null
            ? (ClassicCodec.BroadcastChannel(Key, message.Options, message.Namespace), ClassicCodec.EncodeBroadcast(message))
            : (RequestChannel(message.Namespace), ClassicCodec.EncodeRequest(message));
        await Cluster.Subscriber.PublishAsync(RedisChannel.Literal(channel), payload);
    }

    // Answers go to the shared response channel, which every member (Node or Toki) reads, whatever its
    // publishOnSpecificResponseChannel setting.
    public override Task PublishResponseAsync(string requesterUid, ClusterMessage response) =>
        Cluster.Subscriber.PublishAsync(RedisChannel.Literal($"{Key}-response#{response.Namespace}#"), ClassicCodec.EncodeResponse(response));

    public override async Task<int> ServerCountAsync(string @namespace) =>
        await NumSubAsync(RequestChannel(@namespace));

    private string RequestChannel(string @namespace) => $"{Key}-request#{@namespace}#";

    private void Receive(RedisClusterAdapter adapter, string channel, byte[] payload)
    {
        var name = adapter.Namespace.Name;
        var broadcastPrefix = $"{Key}#{name}#";
        var responsePrefix = $"{Key}-response#{name}#";
        ClusterMessage message;
        try
        {
            if (channel == RequestChannel(name))
            {
                message = ClassicCodec.DecodeRequest(payload, name);
            }
            else if (channel.StartsWith(responsePrefix, StringComparison.Ordinal)
                && (channel.Length == responsePrefix.Length || channel == $"{responsePrefix}{adapter.Uid}#"))
            {
                message = ClassicCodec.DecodeResponse(payload, name);
            }
            else if (channel.StartsWith(broadcastPrefix, StringComparison.Ordinal) && channel.EndsWith('#'))
            {
                message = ClassicCodec.DecodeBroadcast(payload);
            }
            else
            {
                return;
            }
        }
        catch (ClusterFormatException exception)
        {
            RedisCluster.Log.Malformed(Cluster.Logger, channel, exception.Message);
            return;
        }
        adapter.OnMessage(message, offset: null);
    }

    private static string EscapeGlob(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
