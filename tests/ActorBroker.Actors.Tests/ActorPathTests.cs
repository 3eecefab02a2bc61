namespace ActorBroker.Actors.Tests;

public sealed class ActorPathTests : TestKit.TestKit
{
    [Fact]
    public void A_duplicate_name_is_rejected()
    {
        Sys.ActorOf(Props.Create<Echo>(), "unique");
        var e = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "unique"));
        Assert.Contains("unique", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("hash#")]
    [InlineData("naïve")]
    public void Invalid_names_are_rejected(string name)
    {
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), name));
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("with-dash_and.dot")]
    [InlineData("orders-0:leader")]
    public void Valid_names_are_accepted(string name)
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), name);
        Assert.Equal(name, actor.Path.Name);
    }

    [Fact]
    public void Anonymous_actors_get_distinct_names_starting_with_dollar()
    {
        var a = Sys.ActorOf(Props.Create<Echo>());
        var b = Sys.ActorOf(Props.Create<Echo>());
        Assert.StartsWith("$", a.Path.Name);
        Assert.NotEqual(a.Path, b.Path);
    }

    [Fact]
    public void An_actor_path_carries_the_system_address_and_parent_chain()
    {
        var actor = Sys.ActorOf(Props.Create<Echo>(), "pathy");
        Assert.Equal($"abroker://{Sys.Name}/user/pathy", actor.Path.ToString());
        Assert.Equal("/user/pathy", actor.Path.ToStringWithoutAddress());
        Assert.Equal(Sys.Address, actor.Path.Address);
        Assert.Equal("/user", actor.Path.Parent!.ToStringWithoutAddress());
        Assert.NotEqual(0, actor.Path.Uid);
    }

    [Theory]
    [InlineData("abroker://sys/user/a")]
    [InlineData("abroker://sys/user/a/b#12345")]
    [InlineData("abroker.tcp://node-1@10.0.0.5:2552/user/partitions/orders-0#42")]
    [InlineData("abroker://sys/")]
    public void Paths_round_trip_through_their_text(string text)
    {
        var path = ActorPath.Parse(text);
        Assert.Equal(text, path.ToSerializationFormat());
        Assert.Equal(path, ActorPath.Parse(path.ToSerializationFormat()));
    }

    [Fact]
    public void Parsing_reads_address_elements_and_uid()
    {
        var path = ActorPath.Parse("abroker.tcp://node@host:2552/user/a/b#9");
        Assert.Equal(new Address("abroker.tcp", "node", "host", 2552), path.Address);
        Assert.Equal(["user", "a", "b"], path.Elements);
        Assert.Equal("b", path.Name);
        Assert.Equal(9, path.Uid);
        Assert.True(path.Address.HasGlobalScope);
    }

    [Fact]
    public void Path_equality_ignores_the_uid()
    {
        var a = ActorPath.Parse("abroker://sys/user/a#1");
        var b = ActorPath.Parse("abroker://sys/user/a#2");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ActorPath.Parse("abroker://other/user/a#1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user/a")]
    [InlineData("/user/a")]
    [InlineData("://sys/user")]
    [InlineData("abroker://")]
    [InlineData("abroker://sys/user/a#notanumber")]
    [InlineData("abroker.tcp://sys@host/user")]
    [InlineData("abroker.tcp://sys@host:99999/user")]
    [InlineData("abroker.tcp://@host:1/user")]
    public void Bad_paths_fail_with_a_FormatException_that_quotes_them(string text)
    {
        Assert.False(ActorPath.TryParse(text, out _));
        var e = Assert.Throws<FormatException>(() => ActorPath.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
    }

    [Theory]
    [InlineData("abroker://sys")]
    [InlineData("abroker.tcp://sys@localhost:2552")]
    [InlineData("abroker.tcp://sys@127.0.0.1:0")]
    public void Addresses_round_trip_through_their_text(string text)
    {
        Assert.Equal(text, Address.Parse(text).ToString());
    }

    [Theory]
    [InlineData("sys")]
    [InlineData("abroker://")]
    [InlineData("abroker://sys/user")]
    [InlineData("abroker.tcp://sys@host:port")]
    public void Bad_addresses_fail_with_a_FormatException(string text)
    {
        var e = Assert.Throws<FormatException>(() => Address.Parse(text));
        Assert.Contains("protocol://system", e.Message);
    }
}
