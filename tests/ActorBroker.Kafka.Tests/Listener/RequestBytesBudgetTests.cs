using ActorBroker.Kafka.Listener;

namespace ActorBroker.Kafka.Tests.Listener;

public class RequestBytesBudgetTests
{
    [Fact]
    public async Task A_reservation_past_the_limit_waits_until_enough_is_released_and_the_peak_never_passes_the_limit()
    {
        var budget = new RequestBytesBudget(100);
        await budget.ReserveAsync(60, CancellationToken.None);

        var waiting = budget.ReserveAsync(50, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        budget.Release(10);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(100, budget.Used);
        Assert.Equal(100, budget.Peak);
    }

    [Fact]
    public async Task A_waiting_reservation_ends_when_its_connection_is_aborted_and_takes_nothing()
    {
        var budget = new RequestBytesBudget(100);
        await budget.ReserveAsync(100, CancellationToken.None);
        using var abort = new CancellationTokenSource();

        var waiting = budget.ReserveAsync(1, abort.Token).AsTask();
        await abort.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(100, budget.Used);
    }

    [Fact]
    public async Task Many_connections_reserving_and_releasing_at_once_never_hold_more_than_the_limit()
    {
        var budget = new RequestBytesBudget(1000);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                await budget.ReserveAsync(300, CancellationToken.None);
                budget.Release(300);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, budget.Used);
        Assert.True(budget.Peak <= 1000, $"peak {budget.Peak}");
    }
}
