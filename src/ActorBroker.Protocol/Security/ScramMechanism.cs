namespace ActorBroker.Protocol.Security;

/// <summary>The SCRAM mechanisms a credential can be for, numbered as Kafka's AlterUserScramCredentials numbers them.</summary>
public enum ScramMechanism : byte
{
    ScramSha256 = 1,
    ScramSha512 = 2,
}

/// <summary>The SASL names of the mechanisms (what a client asks for in SaslHandshake).</summary>
public static class ScramMechanisms
{
    public static string SaslName(this ScramMechanism mechanism) => mechanism switch
    {
        ScramMechanism.ScramSha256 => "SCRAM-SHA-256",
        ScramMechanism.ScramSha512 => "SCRAM-SHA-512",
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "not a SCRAM mechanism"),
    };

    public static bool TryParse(string saslName, out ScramMechanism mechanism)
    {
        mechanism = saslName switch
        {
            "SCRAM-SHA-256" => ScramMechanism.ScramSha256,
            "SCRAM-SHA-512" => ScramMechanism.ScramSha512,
            _ => 0,
        };
        return mechanism != 0;
    }
}
