using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Apis;

public class ProduceRulesTests
{
    [Fact]
    public void A_record_set_of_one_batch_gives_that_batch()
    {
        var batch = Batch("a", "b");
        var (error, _, single) = ProduceRules.SingleBatch(batch.Bytes);
        Assert.Equal(ErrorCode.None, error);
        Assert.Equal(batch.Bytes.ToArray(), single!.Bytes.ToArray());
    }

    [Fact]
    public void Two_batches_for_one_partition_are_an_invalid_record_as_kafka_answers_produce_v3_and_above()
    {
        byte[] set = [.. Batch("a").Bytes.Span, .. Batch("b").Bytes.Span];
        Assert.Equal(ErrorCode.InvalidRecord, ProduceRules.SingleBatch(set).Error);
    }

    [Fact]
    public void A_null_or_empty_record_set_is_an_invalid_record()
    {
        Assert.Equal(ErrorCode.InvalidRecord, ProduceRules.SingleBatch(null).Error);
        Assert.Equal(ErrorCode.InvalidRecord, ProduceRules.SingleBatch(ReadOnlyMemory<byte>.Empty).Error);
    }

    [Fact]
    public void A_truncated_record_set_gets_the_splits_corrupt_message()
    {
        var bytes = Batch("a").Bytes[..^3];
        Assert.Equal(ErrorCode.CorruptMessage, ProduceRules.SingleBatch(bytes).Error);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Acks_minus_one_zero_and_one_are_accepted(short acks) =>
        Assert.Equal(KafkaErrorCodes.None, ProduceRules.CheckRequest(new ProduceRequest(null, acks, 1000, [])).Error);

    [Theory]
    [InlineData(2)]
    [InlineData(-2)]
    public void Other_acks_are_invalid_required_acks(short acks) =>
        Assert.Equal((short)ErrorCode.InvalidRequiredAcks, ProduceRules.CheckRequest(new ProduceRequest(null, acks, 1000, [])).Error);

    [Fact]
    public void A_transactional_producer_is_refused_its_transactional_id() =>
        Assert.Equal(KafkaErrorCodes.TransactionalIdAuthorizationFailed, ProduceRules.CheckRequest(new ProduceRequest("tx-1", -1, 1000, [])).Error);
}
