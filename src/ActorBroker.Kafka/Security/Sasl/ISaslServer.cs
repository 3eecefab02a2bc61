namespace ActorBroker.Kafka.Security.Sasl;

/// <summary>
/// The server side of one SASL mechanism for one connection: it takes the client's tokens in turn and says what to
/// answer. Pure and synchronous (a credential lookup and some hashing), so the connection's state has changed before
/// its next request is parsed.
/// </summary>
internal interface ISaslServer
{
    /// <summary>The SASL name, e.g. SCRAM-SHA-256.</summary>
    string Mechanism { get; }

    /// <summary>The answer to the client's next token. After a <see cref="SaslStep.Success"/> or <see cref="SaslStep.Failure"/> the exchange is over.</summary>
    SaslStep Evaluate(ReadOnlySpan<byte> token);
}
