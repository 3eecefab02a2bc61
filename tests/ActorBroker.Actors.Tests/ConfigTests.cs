using ActorBroker.Hocon;

namespace ActorBroker.Actors.Tests;

public sealed class ConfigTests : TestKit.TestKit
{
    public ConfigTests() : base("actorbroker.actor.default-dispatcher.throughput = 1")
    {
    }

    [Fact]
    public void The_default_dispatcher_takes_its_throughput_from_config()
    {
        var dispatcher = ((ActorSystemImpl)Sys).Dispatchers.Lookup(null);
        Assert.Equal(1, dispatcher.Throughput);
    }

    [Fact]
    public void A_throughput_of_one_still_delivers_every_message_in_order()
    {
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)));
        for (var i = 0; i < 300; i++) forwarder.Tell(i);
        Assert.Equal(Enumerable.Range(0, 300), ReceiveN(300).Cast<int>());
    }

    [Fact]
    public void A_throughput_below_one_is_rejected_when_the_system_is_created()
    {
        var e = Assert.ThrowsAny<Exception>(() => ActorSystem.Create("zero-throughput", "actorbroker.actor.default-dispatcher.throughput = 0"));
        Assert.Contains("throughput", e.ToString());
    }

    [Fact]
    public void A_bad_loglevel_gives_a_clear_error_at_create()
    {
        var e = Assert.Throws<ConfigException>(() => ActorSystem.Create("loud", "actorbroker.loglevel = LOUD"));
        Assert.Contains("actorbroker.loglevel", e.Message);
        Assert.Contains("LOUD", e.Message);
        Assert.Contains("WARNING", e.Message);
    }

    [Fact]
    public void An_unconfigured_dispatcher_fails_clearly()
    {
        var e = Assert.Throws<ConfigException>(() => Sys.ActorOf(Props.Create<Echo>().WithDispatcher("my-dispatcher")));
        Assert.Contains("my-dispatcher", e.Message);
    }

    [Fact]
    public async Task A_configured_dispatcher_can_be_used()
    {
        await using var system = ActorSystem.Create("custom-dispatcher", "my-dispatcher.throughput = 5");
        var actor = system.ActorOf(Props.Create<Echo>().WithDispatcher("my-dispatcher"));
        Assert.Equal("x", await actor.Ask<string>("x", TimeSpan.FromSeconds(3)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    public void Invalid_system_names_are_rejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ActorSystem.Create(name));
        Assert.Contains("Invalid actor system name", e.Message);
    }

    [Fact]
    public void Settings_are_read_from_the_given_config_over_the_reference()
    {
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, Sys.Settings.LogLevel);
        Assert.Equal(TimeSpan.FromSeconds(10), Sys.Settings.AskTimeout);
        Assert.Equal(100_000, Sys.Settings.StashCapacity);
        Assert.Equal(0, Sys.Settings.LogDeadLetters);
    }
}
