using ActorBroker.Cli.Quickstart;
using ActorBroker.Protocol;

namespace ActorBroker.Cli.Tests;

public sealed class DeliveryLedgerTests
{
    [Fact]
    public void Acknowledged_records_never_consumed_are_lost_and_repeats_are_duplicates()
    {
        var ledger = new DeliveryLedger(4);
        for (var i = 0; i < 4; i++) ledger.Produced();
        ledger.Acknowledge(0, partition: 0, offset: 0);
        ledger.Acknowledge(1, partition: 1, offset: 0);
        ledger.Acknowledge(2, partition: 0, offset: 1);
        ledger.Fail(new BrokerException(ErrorCode.RequestTimedOut, "expired"));

        ledger.Consume(0, 0, 0);
        ledger.Consume(0, 0, 2);
        ledger.Consume(2, 0, 1);
        ledger.Consume(3, 1, 1);
        Assert.False(ledger.AllAcknowledgedConsumed());

        var s = ledger.Summarize();
        Assert.Equal((4, 3, 1, 4, 3), (s.Produced, s.Acknowledged, s.Failed, s.Consumed, s.Distinct));
        Assert.Equal(1, s.FailuresByCode["RequestTimedOut"]);
        Assert.Equal(1, s.Lost);
        Assert.Equal([1], s.LostExamples);
        Assert.Equal(1, s.Duplicated);
        Assert.Equal(1, s.FailedButConsumed);
        Assert.Equal(0, s.OutOfOrder);
        Assert.Equal(0, s.Misplaced);
    }

    [Fact]
    public void Records_out_of_order_in_a_partition_or_away_from_their_acknowledged_offset_are_counted()
    {
        var ledger = new DeliveryLedger(3);
        ledger.Acknowledge(0, partition: 0, offset: 0);
        ledger.Acknowledge(1, partition: 0, offset: 1);
        ledger.Acknowledge(2, partition: 1, offset: 0);

        ledger.Consume(1, 0, 0);
        ledger.Consume(0, 0, 1);
        ledger.Consume(2, 1, 0);
        ledger.Consume(-1, 1, 1);

        var s = ledger.Summarize();
        Assert.True(ledger.AllAcknowledgedConsumed());
        Assert.Equal(0, s.Lost);
        Assert.Equal(1, s.OutOfOrder);
        Assert.Equal(2, s.Misplaced);
        Assert.Equal(4, s.Consumed);
    }
}
