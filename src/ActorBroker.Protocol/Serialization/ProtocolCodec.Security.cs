using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Protocol.Serialization;

/// <summary>Users' SCRAM credentials and ACLs: the security administration messages, and the structures images share with them.</summary>
public static partial class ProtocolCodec
{
    private const string AlterUserCredentialManifest = "SU";
    private const string CreateAclsManifest = "SA";
    private const string DeleteAclsManifest = "SD";
    private const string SecurityAdminResponseManifest = "SR";
    private const string DescribeSecurityRequestManifest = "SQ";
    private const string DescribeSecurityResponseManifest = "SS";

    private static bool TryWriteSecurity(object message, WireWriter w)
    {
        switch (message)
        {
            case AlterUserCredentialRequest m:
                w.String(m.User);
                w.Int16((short)m.Mechanism);
                w.Int16(m.Credential is null ? (short)0 : (short)1);
                if (m.Credential is not null) WriteCredential(w, m.Credential);
                w.Int64(m.CorrelationId);
                return true;
            case CreateAclsRequest m:
                WriteAcls(w, m.Acls);
                w.Int64(m.CorrelationId);
                return true;
            case DeleteAclsRequest m:
                WriteAcls(w, m.Acls);
                w.Int64(m.CorrelationId);
                return true;
            case SecurityAdminResponse m:
                w.Int16((short)m.Error);
                w.LongString(m.ErrorMessage);
                w.Int32(m.Changed);
                w.Int64(m.CorrelationId);
                return true;
            case DescribeSecurityRequest m:
                w.Int64(m.CorrelationId);
                return true;
            case DescribeSecurityResponse m:
                w.Int32(m.Users.Count);
                foreach (var user in m.Users)
                {
                    w.String(user.User);
                    w.Int32(user.Mechanisms.Count);
                    for (var i = 0; i < user.Mechanisms.Count; i++)
                    {
                        w.Int16((short)user.Mechanisms[i]);
                        w.Int32(user.Iterations[i]);
                    }
                }
                WriteAcls(w, m.Acls);
                w.Int64(m.CorrelationId);
                return true;
            default:
                return false;
        }
    }

    private static object? ReadSecurity(ref WireReader r, string manifest)
    {
        switch (manifest)
        {
            case AlterUserCredentialManifest:
                var user = r.RequiredString();
                var mechanism = Mechanism(r.Int16());
                var credential = r.Int16() == 0 ? null : ReadCredential(ref r);
                return new AlterUserCredentialRequest(user, mechanism, credential, r.Int64());
            case CreateAclsManifest:
                return new CreateAclsRequest(ReadAcls(ref r), r.Int64());
            case DeleteAclsManifest:
                return new DeleteAclsRequest(ReadAcls(ref r), r.Int64());
            case SecurityAdminResponseManifest:
                return new SecurityAdminResponse((ErrorCode)r.Int16(), r.LongString(), r.Int32(), r.Int64());
            case DescribeSecurityRequestManifest:
                return new DescribeSecurityRequest(r.Int64());
            case DescribeSecurityResponseManifest:
                var count = r.Count(minElementBytes: 6);
                var users = new List<UserDescription>(count);
                for (var i = 0; i < count; i++)
                {
                    var name = r.RequiredString();
                    var mechanisms = r.Count(minElementBytes: 6);
                    var kinds = new List<ScramMechanism>(mechanisms);
                    var iterations = new List<int>(mechanisms);
                    for (var m = 0; m < mechanisms; m++)
                    {
                        kinds.Add(Mechanism(r.Int16()));
                        iterations.Add(r.Int32());
                    }
                    users.Add(new UserDescription(name, kinds, iterations));
                }
                return new DescribeSecurityResponse(users, ReadAcls(ref r), r.Int64());
            default:
                return null;
        }
    }

    /// <summary>A SCRAM credential: mechanism, salt, iterations, StoredKey, ServerKey.</summary>
    public static void WriteCredential(WireWriter w, ScramCredential credential)
    {
        w.Int16((short)credential.Mechanism);
        w.SizedBytes(credential.Salt);
        w.Int32(credential.Iterations);
        w.SizedBytes(credential.StoredKey);
        w.SizedBytes(credential.ServerKey);
    }

    public static ScramCredential ReadCredential(ref WireReader r) =>
        new(Mechanism(r.Int16()), r.SizedBytes(), r.Int32(), r.SizedBytes(), r.SizedBytes());

    public static void WriteAcls(WireWriter w, IReadOnlyList<AclBinding> acls)
    {
        w.Int32(acls.Count);
        foreach (var acl in acls)
        {
            w.Int16((short)acl.ResourceType);
            w.String(acl.ResourceName);
            w.Int16((short)acl.PatternType);
            w.String(acl.Principal);
            w.String(acl.Host);
            w.Int16((short)acl.Operation);
            w.Int16((short)acl.Permission);
        }
    }

    public static List<AclBinding> ReadAcls(ref WireReader r)
    {
        var count = r.Count(minElementBytes: 16);
        var acls = new List<AclBinding>(count);
        for (var i = 0; i < count; i++)
        {
            acls.Add(new AclBinding(Defined<AclResourceType>(r.Int16()), r.RequiredString(), Defined<AclPatternType>(r.Int16()), r.RequiredString(),
                r.RequiredString(), Defined<AclOperation>(r.Int16()), Defined<AclPermission>(r.Int16())));
        }
        return acls;
    }

    /// <summary>A SCRAM mechanism's wire number, refused when unknown (credentials and events share it).</summary>
    public static ScramMechanism Mechanism(short value) => Defined<ScramMechanism>(value);

    private static T Defined<T>(short value) where T : struct, Enum
    {
        var typed = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(typed) ? typed : throw new FormatException($"{value} is not a {typeof(T).Name}");
    }
}
