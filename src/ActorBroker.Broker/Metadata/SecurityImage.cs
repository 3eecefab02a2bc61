using ActorBroker.Protocol.Security;

namespace ActorBroker.Broker.Metadata;

/// <summary>
/// The users' SCRAM credentials (salted and hashed; never passwords) and the ACLs, as the controller committed them.
/// They travel in every metadata image, so each node's Kafka door authenticates and authorizes from its own copy
/// and a controller's successor recovers them with the rest of the image, as Kafka keeps them in its metadata log.
/// </summary>
public sealed record SecurityImage(IReadOnlyDictionary<string, IReadOnlyList<ScramCredential>> Users, IReadOnlyList<AclBinding> Acls)
{
    public static SecurityImage Empty { get; } = new(new Dictionary<string, IReadOnlyList<ScramCredential>>(StringComparer.Ordinal), []);

    /// <summary>The user's credential for <paramref name="mechanism"/>, or null.</summary>
    public ScramCredential? Find(string user, ScramMechanism mechanism) =>
        Users.TryGetValue(user, out var credentials) ? credentials.FirstOrDefault(c => c.Mechanism == mechanism) : null;
}
