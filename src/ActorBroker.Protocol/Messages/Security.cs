using ActorBroker.Protocol.Security;

namespace ActorBroker.Protocol.Messages;

/// <summary>
/// Sets (<paramref name="Credential"/> given) or removes (null: the credential of <paramref name="Mechanism"/>) a user's
/// SCRAM credential. The password never travels: the client computes the credential (<see cref="ScramCredential.Create"/>).
/// </summary>
public sealed record AlterUserCredentialRequest(string User, ScramMechanism Mechanism, ScramCredential? Credential, long CorrelationId);

/// <summary>Adds ACLs; adding one that exists changes nothing.</summary>
public sealed record CreateAclsRequest(IReadOnlyList<AclBinding> Acls, long CorrelationId);

/// <summary>Removes these exact ACLs; one that does not exist is ignored.</summary>
public sealed record DeleteAclsRequest(IReadOnlyList<AclBinding> Acls, long CorrelationId);

/// <summary>The answer to a security change, once the change is committed on a majority: how many users or ACLs it changed.</summary>
public sealed record SecurityAdminResponse(ErrorCode Error, string? ErrorMessage, int Changed, long CorrelationId);

/// <summary>Asks a node for the users (their mechanisms, never their keys) and the ACLs in its metadata.</summary>
public sealed record DescribeSecurityRequest(long CorrelationId);

/// <summary>The users with the SCRAM mechanisms they have credentials for, and every ACL.</summary>
public sealed record DescribeSecurityResponse(IReadOnlyList<UserDescription> Users, IReadOnlyList<AclBinding> Acls, long CorrelationId);

/// <summary>A user and, per mechanism, the iteration count of their credential.</summary>
public sealed record UserDescription(string User, IReadOnlyList<ScramMechanism> Mechanisms, IReadOnlyList<int> Iterations);
