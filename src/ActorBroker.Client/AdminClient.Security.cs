using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Client;

/// <summary>
/// Users and ACLs of the Kafka door (Kafka's AlterUserScramCredentials, CreateAcls, DeleteAcls, DescribeAcls). The
/// password is turned into a salted SCRAM credential here; only that reaches the cluster. Each change returns once it
/// is committed on a majority of the nodes.
/// </summary>
public sealed partial class AdminClient
{
    /// <summary>Creates the user or changes their password for <paramref name="mechanism"/>.</summary>
    public Task SetUserPasswordAsync(string user, string password, ScramMechanism mechanism = ScramMechanism.ScramSha256,
        int iterations = ScramCredential.MinIterations, CancellationToken cancellationToken = default)
    {
        var credential = ScramCredential.Create(mechanism, password, iterations);
        return SecurityAsync(id => new AlterUserCredentialRequest(user, mechanism, credential, id), $"set the {mechanism.SaslName()} password of user '{user}'",
            cancellationToken);
    }

    /// <summary>Removes the user's credential for <paramref name="mechanism"/>; ResourceNotFound when there is none.</summary>
    public Task RemoveUserCredentialAsync(string user, ScramMechanism mechanism = ScramMechanism.ScramSha256, CancellationToken cancellationToken = default) =>
        SecurityAsync(id => new AlterUserCredentialRequest(user, mechanism, null, id), $"remove the {mechanism.SaslName()} credential of user '{user}'",
            cancellationToken);

    /// <summary>Adds ACLs; returns how many were new.</summary>
    public Task<int> CreateAclsAsync(IReadOnlyList<AclBinding> acls, CancellationToken cancellationToken = default) =>
        SecurityAsync(id => new CreateAclsRequest(acls, id), $"add {acls.Count} ACLs", cancellationToken);

    /// <summary>Removes these exact ACLs; returns how many existed.</summary>
    public Task<int> DeleteAclsAsync(IReadOnlyList<AclBinding> acls, CancellationToken cancellationToken = default) =>
        SecurityAsync(id => new DeleteAclsRequest(acls, id), $"remove {acls.Count} ACLs", cancellationToken);

    /// <summary>The users (mechanisms and iteration counts only) and the ACLs, as the node asked knows them.</summary>
    public Task<DescribeSecurityResponse> DescribeSecurityAsync(CancellationToken cancellationToken = default) =>
        RequestAsync<DescribeSecurityResponse>(id => new DescribeSecurityRequest(id), _ => Protocol.ErrorCode.None, "describe users and ACLs", cancellationToken);

    private async Task<int> SecurityAsync(Func<long, object> request, string what, CancellationToken cancellationToken) =>
        (await RequestAsync<SecurityAdminResponse>(request, r => r.Error, what, cancellationToken).ConfigureAwait(false)).Changed;
}
