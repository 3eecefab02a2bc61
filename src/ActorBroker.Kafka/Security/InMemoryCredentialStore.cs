using System.Collections.Concurrent;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// Credentials held in memory, for tests and for embedding a door whose users come from elsewhere; a node's door uses
/// the cluster's users (<see cref="MetadataCredentialStore"/>).
/// </summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly ConcurrentDictionary<(string User, ScramMechanism Mechanism), ScramCredential> _credentials = new();

    /// <summary>Stores the credential of <paramref name="password"/> for each of <paramref name="mechanisms"/> (default: both SCRAM mechanisms).</summary>
    public InMemoryCredentialStore Add(string user, string password, params ScramMechanism[] mechanisms)
    {
        foreach (var mechanism in mechanisms.Length == 0 ? [ScramMechanism.ScramSha256, ScramMechanism.ScramSha512] : mechanisms)
            Add(user, ScramCredential.Create(mechanism, password));
        return this;
    }

    public InMemoryCredentialStore Add(string user, ScramCredential credential)
    {
        _credentials[(user, credential.Mechanism)] = credential;
        return this;
    }

    public ScramCredential? Find(string user, ScramMechanism mechanism) => _credentials.GetValueOrDefault((user, mechanism));
}
