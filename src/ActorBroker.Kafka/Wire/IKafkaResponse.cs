namespace ActorBroker.Kafka.Wire;

/// <summary>A response body that writes itself in the request's version (the connection writes the frame's size and header).</summary>
public interface IKafkaResponse
{
    void Write(KafkaWriter writer, short version);
}
