using System.Collections.Concurrent;
using System.Diagnostics;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Security;
using ActorBroker.Kafka.Apis;
using ActorBroker.Protocol.Security;
using Akka.Event;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// Decides whether a request's principal may do an operation on a resource, from the ACLs in this node's newest metadata
/// image (<see cref="AclRules"/>). Off, it allows everything at the cost of one field read. Denials are logged at Info,
/// once a minute per principal, operation and resource, so a misconfigured client cannot flood the log.
/// </summary>
public sealed class KafkaAuthorizer
{
    private static readonly long LogEveryTicks = Stopwatch.Frequency * 60;
    private const int MaxRemembered = 10_000;

    private readonly LocalMetadata? _metadata;
    private readonly AuthorizationSettings _settings;
    private readonly ILoggingAdapter? _log;
    private readonly ConcurrentDictionary<string, long> _loggedDenials = new(StringComparer.Ordinal);

    public KafkaAuthorizer(LocalMetadata metadata, AuthorizationSettings settings, ILoggingAdapter log)
    {
        _metadata = metadata;
        _settings = settings;
        _log = log;
    }

    private KafkaAuthorizer() => _settings = AuthorizationSettings.Off;

    /// <summary>Allows everything: the door without authorization.</summary>
    public static KafkaAuthorizer AllowAll { get; } = new();

    public bool Enabled => _settings.Enabled;

    public bool Allows(RequestContext context, AclOperation operation, AclResourceType type, string name)
    {
        if (!_settings.Enabled) return true;
        var principal = context.Principal.Text;
        if (_settings.SuperUsers.Contains(principal)) return true;
        var host = context.Host;
        var allowed = AclRules.Allows(_metadata!.Current.Security.Acls, principal, host, operation, type, name, _settings.AllowEveryoneIfNoAclFound);
        if (!allowed) LogDenied(principal, host, operation, type, name, context);
        return allowed;
    }

    private void LogDenied(string principal, string host, AclOperation operation, AclResourceType type, string name, RequestContext context)
    {
        var key = $"{principal}|{host}|{operation}|{type}|{name}";
        var now = Stopwatch.GetTimestamp();
        if (_loggedDenials.TryGetValue(key, out var last) && now - last < LogEveryTicks) return;
        if (_loggedDenials.Count >= MaxRemembered) _loggedDenials.Clear();
        _loggedDenials[key] = now;
        _log!.Info("Kafka authorization: denied {0} from {1} to {2} {3} '{4}' ({5} v{6}); no ACL allows it or one denies it (repeats are not logged for a minute)",
            new object[] { principal, host, operation, type, name, (Wire.ApiKey)context.Header.ApiKey, context.Version });
    }
}
