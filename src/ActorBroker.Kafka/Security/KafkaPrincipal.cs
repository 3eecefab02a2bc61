namespace ActorBroker.Kafka.Security;

/// <summary>
/// Who sent a request, as Kafka names principals: <c>User:alice</c>. A connection that has not authenticated (a
/// PLAINTEXT listener) is <see cref="Anonymous"/>, Kafka's <c>User:ANONYMOUS</c>.
/// </summary>
public sealed record KafkaPrincipal(string Type, string Name)
{
    public static KafkaPrincipal Anonymous { get; } = new("User", "ANONYMOUS");

    public static KafkaPrincipal User(string name) => new("User", name);

    /// <summary><c>Type:Name</c>, made once: the authorizer compares it on every request.</summary>
    public string Text { get; } = $"{Type}:{Name}";

    public override string ToString() => Text;
}
