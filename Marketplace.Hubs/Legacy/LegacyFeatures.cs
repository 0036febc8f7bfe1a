using System.Collections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The features of a <see cref="LegacyConnection"/>: the ones it serves itself are answered from the connection
/// and its sender, and anything else set on it is kept in a collection made on first use.
/// </summary>
/// <remarks>
/// A dictionary of the same five entries for every connection would cost about 300 bytes each, for the life of
/// the connection.
/// </remarks>
internal sealed class LegacyFeatures(LegacyConnection connection, LegacySender sender) : IFeatureCollection
{
    private FeatureCollection? _others;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public int Revision => _others?.Revision ?? 0;

    /// <inheritdoc />
    public object? this[Type key]
    {
        get => _others?[key] ?? Own(key);
        set => (_others ??= new FeatureCollection())[key] = value;
    }

    /// <inheritdoc />
    public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

    /// <inheritdoc />
    public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator()
    {
        Type[] own =
        [
            typeof(IConnectionUserFeature),
            typeof(IConnectionEndPointFeature),
            typeof(ILegacyConnectionFeature),
            typeof(IHttpContextFeature),
            typeof(LegacySender),
        ];
        foreach (var type in own)
        {
            if (this[type] is { } feature)
            {
                yield return new KeyValuePair<Type, object>(type, feature);
            }
        }

        foreach (var other in _others ?? Enumerable.Empty<KeyValuePair<Type, object>>())
        {
            if (!own.Contains(other.Key))
            {
                yield return other;
            }
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private object? Own(Type key)
    {
        if (key == typeof(IConnectionUserFeature) || key == typeof(IConnectionEndPointFeature)
            || key == typeof(ILegacyConnectionFeature))
        {
            return connection;
        }

        if (key == typeof(IHttpContextFeature))
        {
            return connection.HttpContext is null ? null : connection;
        }

        return key == typeof(LegacySender) ? sender : null;
    }
}
