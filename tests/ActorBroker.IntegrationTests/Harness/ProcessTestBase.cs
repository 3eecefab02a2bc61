using Xunit.Abstractions;

namespace ActorBroker.IntegrationTests.Harness;

/// <summary>A test with a <see cref="ProcessCluster"/> (not yet started) whose processes are always cleaned up, and its timeouts dilated by the TestKit's time factor (akka.test.timefactor).</summary>
public abstract class ProcessTestBase : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected ProcessTestBase(ITestOutputHelper output) : base(output: output)
    {
        Timeouts = new ProcessTimeouts(
            Cluster: Dilated(TimeSpan.FromSeconds(60)),
            Request: Dilated(TimeSpan.FromSeconds(5)),
            Produce: Dilated(TimeSpan.FromSeconds(90)),
            Consume: Dilated(TimeSpan.FromSeconds(30)));
        Cluster = new ProcessCluster(output, Timeouts);
    }

    protected ProcessTimeouts Timeouts { get; }

    protected ProcessCluster Cluster { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await Cluster.DisposeAsync();
}
