using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Security;

/// <summary>The SCRAM credentials the Kafka door checks clients against (the cluster's metadata on a node; a table in tests).</summary>
public interface ICredentialStore
{
    /// <summary>The user's credential for <paramref name="mechanism"/>, or null when the user has none for it.</summary>
    ScramCredential? Find(string user, ScramMechanism mechanism);
}
