namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>What a <see cref="ISaslServer"/> answers to a client token.</summary>
internal abstract record SaslStep
{
    /// <summary>The exchange goes on: send <paramref name="Token"/> and wait for the client's next one.</summary>
    public sealed record Challenge(byte[] Token) : SaslStep;

    /// <summary>The client is <paramref name="User"/>; <paramref name="Token"/> (possibly empty) is the server's last word.</summary>
    public sealed record Success(string User, byte[] Token) : SaslStep;

    /// <param name="User">Who the client claimed to be, if it got that far (for the log).</param>
    /// <param name="Reason">Why, for the node's log only: the client is told <see cref="ClientMessage"/>, which does not say whether the user exists.</param>
    public sealed record Failure(string? User, string Reason, string ClientMessage) : SaslStep;
}
