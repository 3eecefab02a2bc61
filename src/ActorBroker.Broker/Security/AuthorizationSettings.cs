namespace ActorBroker.Broker.Security;

/// <summary>
/// A door's <c>authorization</c> section (<c>actorbroker.kafka.authorization</c>,
/// <c>actorbroker.broker.cluster-port.authorization</c>): whether it checks ACLs (Kafka's authorizer.class.name), who
/// bypasses them (super.users) and what a resource without ACLs allows (allow.everyone.if.no.acl.found).
/// </summary>
public sealed record AuthorizationSettings
{
    public static AuthorizationSettings Off { get; } = new();

    public bool Enabled { get; init; }

    /// <summary>Principals (<c>User:admin</c>) allowed everything.</summary>
    public IReadOnlySet<string> SuperUsers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool AllowEveryoneIfNoAclFound { get; init; }

    internal static AuthorizationSettings Read(SettingsReader c, string sectionPath)
    {
        var superUsers = c.Read("authorization.super-users", (config, key) => config.GetStringList(key)).ToHashSet(StringComparer.Ordinal);
        foreach (var user in superUsers)
        {
            var colon = user.IndexOf(':');
            if (colon <= 0 || colon == user.Length - 1)
                throw c.Error("authorization.super-users", $"{sectionPath}.authorization.super-users lists principals such as \"User:admin\", but has '{user}'");
        }

        return new AuthorizationSettings
        {
            Enabled = c.Flag("authorization.enabled"),
            SuperUsers = superUsers,
            AllowEveryoneIfNoAclFound = c.Flag("authorization.allow-everyone-if-no-acl-found"),
        };
    }
}
