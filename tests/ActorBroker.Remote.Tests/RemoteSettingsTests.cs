using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Remote.Tests;

public sealed class RemoteSettingsTests
{
    private static RemoteSettings Load(string hocon) =>
        RemoteSettings.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(ReferenceConfig.Load()));

    [Fact]
    public void The_reference_defaults_are_valid()
    {
        var settings = Load("");

        Assert.Equal(2552, settings.Port);
        Assert.Equal(4 * 1024 * 1024, settings.MaximumFrameSize);
    }

    [Theory]
    [InlineData("actorbroker.remote.port = 70000", "actorbroker.remote.port")]
    [InlineData("actorbroker.remote.maximum-frame-size = 100b", "actorbroker.remote.maximum-frame-size")]
    [InlineData("actorbroker.remote.outbound-queue-size = 0", "actorbroker.remote.outbound-queue-size")]
    [InlineData("actorbroker.remote.connection-timeout = 0s", "actorbroker.remote.connection-timeout")]
    [InlineData("actorbroker.remote.hostname = \"\"", "actorbroker.remote.hostname")]
    public void A_bad_value_fails_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Load(hocon));

        Assert.Equal(key, error.Path);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_system_on_a_taken_port_fails_to_start_with_the_reason()
    {
        using var first = new Terminating(ActorSystem.Create("taken", "actorbroker.actor.provider = remote\nactorbroker.remote.port = 0"));
        var port = first.System.Address.Port;

        var error = Assert.Throws<RemoteTransportException>(() =>
            ActorSystem.Create("taken", $"actorbroker.actor.provider = remote\nactorbroker.remote.port = {port}"));

        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    private sealed class Terminating(ActorSystem system) : IDisposable
    {
        public ActorSystem System { get; } = system;

        public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
    }
}
