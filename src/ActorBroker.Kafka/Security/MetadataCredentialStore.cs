using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Security;

/// <summary>The users' credentials as this node's newest metadata image holds them: set with <c>actorbroker users</c>, committed on a majority.</summary>
public sealed class MetadataCredentialStore(LocalMetadata metadata) : ICredentialStore
{
    public ScramCredential? Find(string user, ScramMechanism mechanism) => metadata.Current.Security.Find(user, mechanism);
}
