namespace ActorBroker.Kafka.Wire;

/// <summary>A response body that writes itself in the request's version (the connection writes the frame's size and header).</summary>
public interface IKafkaResponse
{
    void Write(KafkaWriter writer, short version);

    /// <summary>
    /// The bytes to start the pooled writer with: a response that carries record sets says their size, so they are
    /// copied into the frame once rather than again at each doubling of the buffer.
    /// </summary>
    int WriterCapacity => 256;
}
