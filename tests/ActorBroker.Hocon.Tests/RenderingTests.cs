namespace ActorBroker.Hocon.Tests;

public class RenderingTests
{
    private const string Sample = """
        actorbroker {
          node-id = 3
          "weird.key" = "a \"quoted\" value\nwith newline\ttab"
          include = "not a directive"
          empty {}
          ratio = -0.5
          flag = off
          enabled = true
          nothing = null
          numeric-string = "10"
          list = [1, two, "3", true]
          brokers = [{ id = 1, host = a }, { id = 2, tags = [x, y] }]
          nested.deeper.deepest = 1e3
          "" = empty-key
        }
        """;

    [Fact]
    public void ToHocon_round_trips_through_the_parser()
    {
        var original = ConfigurationFactory.ParseString(Sample);
        var rendered = original.ToHocon();
        var reparsed = ConfigurationFactory.ParseString(rendered);

        Assert.Equal(rendered, reparsed.ToHocon());
        Assert.Equal("a \"quoted\" value\nwith newline\ttab", reparsed.GetString("actorbroker.\"weird.key\""));
        Assert.Equal("not a directive", reparsed.GetString("actorbroker.include"));
        Assert.True(reparsed.GetConfig("actorbroker.empty").IsEmpty);
        Assert.True(reparsed.HasPath("actorbroker.empty"));
        Assert.Equal(-0.5, reparsed.GetDouble("actorbroker.ratio"));
        Assert.Equal(["1", "two", "3", "true"], reparsed.GetStringList("actorbroker.list"));
        Assert.Equal(["x", "y"], reparsed.GetConfigList("actorbroker.brokers")[1].GetStringList("tags"));
        Assert.Equal(1000.0, reparsed.GetDouble("actorbroker.nested.deeper.deepest"));
        Assert.Equal("empty-key", reparsed.GetString("actorbroker.\"\""));
    }

    [Fact]
    public void ToHocon_renders_resolved_values_not_substitutions()
    {
        var config = ConfigurationFactory.ParseString("base = /data\ndir = ${base}/journal\nport = 1\nport = ${?NO_SUCH_VAR_FOR_RENDER_TEST_77}");
        Assert.Equal("base = \"/data\"\ndir = \"/data/journal\"\nport = 1\n", config.ToHocon());
        Assert.Equal(config.ToHocon(), config.ToString());
    }

    [Fact]
    public void Merged_config_renders_the_effective_tree()
    {
        var merged = ConfigurationFactory.ParseString("a { x = 1 }")
            .WithFallback(ConfigurationFactory.ParseString("a { x = 0, y = 2 }\nb = 3"));
        var reparsed = ConfigurationFactory.ParseString(merged.ToHocon());
        Assert.Equal([1, 2, 3], new[] { "a.x", "a.y", "b" }.Select(p => reparsed.GetInt(p)));
    }

    [Fact]
    public void Empty_config_renders_as_an_empty_document() =>
        Assert.Equal("", Config.Empty.ToHocon());
}
