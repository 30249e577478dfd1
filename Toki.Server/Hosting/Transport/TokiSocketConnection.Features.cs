using System.Buffers;
using System.Collections;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Toki.Server.Hosting.Transport;

/// <summary>
/// The connection is its own feature collection, as Kestrel's transport connections are: the features Kestrel's
/// HTTP layer and Toki read are this object; what Kestrel or an application sets goes in a small list, made when
/// the first is set.
/// </summary>
internal sealed partial class TokiSocketConnection : IFeatureCollection, IConnectionIdFeature, IConnectionTransportFeature,
    IConnectionItemsFeature, IMemoryPoolFeature, IConnectionLifetimeFeature, IConnectionEndPointFeature, IConnectionSocketFeature
{
    private List<KeyValuePair<Type, object?>>? _setFeatures;
    private int _featureRevision;

    public override IFeatureCollection Features => this;

    bool IFeatureCollection.IsReadOnly => false;

    int IFeatureCollection.Revision => _featureRevision;

    Socket IConnectionSocketFeature.Socket => Socket;

    object? IFeatureCollection.this[Type key]
    {
        get => Find(key, out var feature) ? feature : IsOwn(key) ? this : null;
        set => Store(key, value);
    }

    TFeature? IFeatureCollection.Get<TFeature>() where TFeature : default =>
        (TFeature?)((IFeatureCollection)this)[typeof(TFeature)];

    void IFeatureCollection.Set<TFeature>(TFeature? instance) where TFeature : default => Store(typeof(TFeature), instance);

    IEnumerator<KeyValuePair<Type, object>> IEnumerable<KeyValuePair<Type, object>>.GetEnumerator() => Enumerate().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => Enumerate().GetEnumerator();

    void IConnectionLifetimeFeature.Abort() =>
        Abort(new ConnectionAbortedException("The connection was aborted by the application via IConnectionLifetimeFeature.Abort()."));

    private static readonly Type[] OwnFeatures =
    [
        typeof(IConnectionIdFeature), typeof(IConnectionTransportFeature), typeof(IConnectionItemsFeature), typeof(IMemoryPoolFeature),
        typeof(IConnectionLifetimeFeature), typeof(IConnectionEndPointFeature), typeof(IConnectionSocketFeature),
    ];

    private static bool IsOwn(Type key) => Array.IndexOf(OwnFeatures, key) >= 0;

    private bool Find(Type key, out object? feature)
    {
        if (_setFeatures is { } set)
        {
            foreach (var entry in set)
            {
                if (entry.Key == key)
                {
                    feature = entry.Value;
                    return true;
                }
            }
        }
        feature = null;
        return false;
    }

    // A null value for one of the connection's own features is kept: it hides that feature.
    private void Store(Type key, object? value)
    {
        _featureRevision++;
        var set = _setFeatures ??= new List<KeyValuePair<Type, object?>>(4);
        for (var i = 0; i < set.Count; i++)
        {
            if (set[i].Key == key)
            {
                if (value is null && !IsOwn(key))
                {
                    set.RemoveAt(i);
                }
                else
                {
                    set[i] = new KeyValuePair<Type, object?>(key, value);
                }
                return;
            }
        }
        if (value is not null || IsOwn(key))
        {
            set.Add(new KeyValuePair<Type, object?>(key, value));
        }
    }

    private IEnumerable<KeyValuePair<Type, object>> Enumerate()
    {
        foreach (var key in OwnFeatures)
        {
            if (!Find(key, out _))
            {
                yield return new KeyValuePair<Type, object>(key, this);
            }
        }
        if (_setFeatures is { } set)
        {
            foreach (var entry in set.ToArray())
            {
                if (entry.Value is not null)
                {
                    yield return new KeyValuePair<Type, object>(entry.Key, entry.Value);
                }
            }
        }
    }
}
