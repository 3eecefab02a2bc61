using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// The APIs this node serves, by key: a handler each with its version range. ApiVersions answers with exactly these
/// ranges, so a client never picks an API or a version the table lacks. ApiVersions itself is always in the table;
/// SaslHandshake and SaslAuthenticate are when the listener authenticates its clients (<see cref="Sasl"/>).
/// </summary>
public sealed class KafkaApis
{
    // Indexed by API key: keys are small (Kafka's go up to about 80), and the lookup happens on every request.
    private readonly KafkaApiHandler?[] _byKey;

    public KafkaApis(IEnumerable<KafkaApiHandler> handlers)
        : this(handlers, sasl: null)
    {
    }

    internal KafkaApis(IEnumerable<KafkaApiHandler> handlers, SaslAuthenticator? sasl)
    {
        ApiVersions = new ApiVersionsHandler(this);
        Sasl = sasl;
        if (sasl is not null) handlers = handlers.Append(new SaslHandshakeHandler(sasl.Mechanisms)).Append(new SaslAuthenticateHandler());
        var list = handlers.Append(ApiVersions).OrderBy(h => h.Range.Key).ToList();
        foreach (var duplicate in list.GroupBy(h => h.Range.Key).Where(g => g.Count() > 1))
            throw new ArgumentException($"two handlers serve {duplicate.Key}", nameof(handlers));
        _byKey = new KafkaApiHandler?[list.Count == 0 ? 0 : (int)list[^1].Range.Key + 1];
        foreach (var handler in list)
        {
            if (handler.Range.Key < 0) throw new ArgumentException($"{handler.GetType().Name} serves a negative API key", nameof(handlers));
            _byKey[(int)handler.Range.Key] = handler;
        }

        Ranges = [.. list.Select(h => h.Range)];
        IsFlexibleRequest = (key, version) => TryGet(key, out var handler) && handler.Range.IsFlexible(version);
    }

    public ApiVersionsHandler ApiVersions { get; }

    /// <summary>How a connection authenticates before it is served anything but ApiVersions and SASL; null on a PLAINTEXT listener.</summary>
    internal SaslAuthenticator? Sasl { get; }

    /// <summary>Every served API's range, by key: what ApiVersions advertises.</summary>
    public IReadOnlyList<ApiVersionRange> Ranges { get; }

    /// <summary>Whether a request of this key and version has header v2 (tagged fields); made once, for <see cref="RequestHeader.Read"/>.</summary>
    public Func<short, short, bool> IsFlexibleRequest { get; }

    public bool TryGet(short apiKey, out KafkaApiHandler handler)
    {
        handler = (uint)apiKey < (uint)_byKey.Length ? _byKey[apiKey]! : null!;
        return handler is not null;
    }
}
