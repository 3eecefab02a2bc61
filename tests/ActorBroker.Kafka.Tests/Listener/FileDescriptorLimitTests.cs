using ActorBroker.Kafka.Listener;

namespace ActorBroker.Kafka.Tests.Listener;

public class FileDescriptorLimitTests
{
    [Fact]
    public void Max_connections_that_leave_the_node_fewer_than_1024_descriptors_are_warned_of_naming_the_key()
    {
        Assert.Contains("actorbroker.kafka.max-connections = 4096", FileDescriptorLimit.Check(4096, 4096), StringComparison.Ordinal);
        Assert.Null(FileDescriptorLimit.Check(4096, 4096 + 1024));
        Assert.Null(FileDescriptorLimit.Check(4096, null));
    }

    [Fact]
    public void The_limit_is_read_from_proc_on_linux()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc/self/limits is Linux's
        Assert.True(FileDescriptorLimit.Soft() > 0);
    }
}
